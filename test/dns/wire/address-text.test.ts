import { describe, expect, it } from 'vitest';
import { bytesToIpv4, bytesToIpv6 } from '../../../src/dns/wire/address-text.js';
import { parseIpv4, parseIpv6 } from '../../../src/model/ip.js';

/** Address text → the octets the encoder writes (its groups, big-endian). */
function ipv6ToBytes(text: string): Buffer {
  const groups = new Uint16Array(8);
  if (!parseIpv6(text, groups)) throw new RangeError(`not an IPv6 address: "${text}"`);
  return Buffer.from([...groups].flatMap((g) => [g >> 8, g & 0xff]));
}
function ipv4ToBytes(text: string): Buffer {
  const value = parseIpv4(text);
  if (value < 0) throw new RangeError(`not an IPv4 address: "${text}"`);
  return Buffer.from([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

describe('address text', () => {
  it.each([
    ['::', '00000000000000000000000000000000', '::'],
    ['::1', '00000000000000000000000000000001', '::1'],
    ['1::', '00010000000000000000000000000000', '1::'],
    ['2001:DB8::1', '20010db8000000000000000000000001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201', '::ffff:c000:201'],
    ['64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008', '1:2:3:4:5:6:7:8'],
  ])('IPv6 %s → bytes → RFC 5952 text', (text, hex, canonical) => {
    expect(ipv6ToBytes(text).toString('hex')).toBe(hex);
    expect(bytesToIpv6(Buffer.from(hex, 'hex'))).toBe(canonical);
  });

  it('IPv4 both ways', () => {
    expect([...ipv4ToBytes('192.0.2.255')]).toEqual([192, 0, 2, 255]);
    expect(bytesToIpv4(Uint8Array.from([10, 0, 0, 1]))).toBe('10.0.0.1');
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '', 'a.b.c.d'])('refuses IPv4 "%s"', (text) => {
    expect(() => ipv4ToBytes(text)).toThrow(RangeError);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1', '192.0.2.1'])('refuses IPv6 "%s"', (text) => {
    expect(() => ipv6ToBytes(text)).toThrow(RangeError);
  });
});
