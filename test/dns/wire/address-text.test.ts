import { describe, expect, it } from 'vitest';
import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { bytesToIpv4, bytesToIpv6, formatIPv6, ipv4ToBytes, ipv6ToBytes, parseIPv6 } from '../../../src/dns/wire/address-text.js';
import { EncodeError } from '../../../src/dns/wire/errors.js';

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
    expect(() => ipv4ToBytes(text)).toThrow(EncodeError);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1', '192.0.2.1'])('refuses IPv6 "%s"', (text) => {
    expect(() => ipv6ToBytes(text)).toThrow(EncodeError);
  });
});

describe('parseIPv6 against node:net and the WHATWG URL parser', () => {
  const groups = new Uint16Array(8);
  const canonical = (text: string): string | undefined => (parseIPv6(text, groups) ? formatIPv6(groups) : undefined);
  const byUrl = (text: string): string => new URL(`http://[${text}]/`).hostname.slice(1, -1);

  it.each([
    'fe80::1%eth0',
    '1::2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7:8::',
    ':1',
    '1:',
    ':::',
    '::1:',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::1.2.3',
    '::01.2.3.4',
    '::256.1.1.1',
    '::1.2.3.4:5',
    ' ::1',
    '::1 ',
    '1:2:3:4:5:6:7:8:9',
  ])('refuses "%s"', (text) => {
    expect(parseIPv6(text, groups)).toBe(false);
  });

  it('accepts what isIPv6 accepts (zone indexes aside) and writes what the URL parser writes', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    const spelling = fc
      .tuple(
        fc.array(group, { minLength: 8, maxLength: 8 }),
        fc.integer({ min: -1, max: 7 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([values, gapAt, gapLength, upper, padded, dotted]) => {
        const hex = values.map((v) => {
          const text = padded ? v.toString(16).padStart(4, '0') : v.toString(16);
          return upper ? text.toUpperCase() : text;
        });
        let parts: string[] = hex;
        if (dotted) parts = [...hex.slice(0, 6), `${values[6]! >> 8}.${values[6]! & 255}.${values[7]! >> 8}.${values[7]! & 255}`];
        if (gapAt < 0 || gapAt >= parts.length) return parts.join(':');
        const length = Math.min(gapLength, parts.length - gapAt);
        const zeroed = values.slice(gapAt, gapAt + length).every((v) => v === 0);
        if (!zeroed || (dotted && gapAt + length > 6)) return parts.join(':');
        return `${parts.slice(0, gapAt).join(':')}::${parts.slice(gapAt + length).join(':')}`;
      });
    const noise = fc.stringMatching(/^[0-9a-fA-F:.]{0,20}$/);
    fc.assert(
      fc.property(fc.oneof(spelling, noise), (text) => {
        const valid = isIPv6(text);
        expect(parseIPv6(text, groups)).toBe(valid);
        if (valid && !text.includes('.')) expect(canonical(text)).toBe(byUrl(text));
        if (valid) expect(bytesToIpv6(ipv6ToBytes(text))).toBe(byUrl(text));
      }),
      { numRuns: 3000, seed: 5952 },
    );
  });
});
