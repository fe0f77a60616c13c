import { isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToIpv6 } from '../../src/dns/wire/address-text.js';
import { parseCidr, parseIp, formatIp } from '../../src/model/cidr.js';
import { canonicalIpv6, formatIpv4, isIpv4Text, parseIpv4, parseIpv6 } from '../../src/model/ip.js';
import { canonicalValue } from '../../src/model/record-values.js';
import { parseAddress } from '../../src/policy/address-match.js';

describe('parseIpv6 against node:net and the WHATWG URL parser', () => {
  const groups = new Uint16Array(8);
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
    expect(parseIpv6(text, groups)).toBe(false);
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
        expect(parseIpv6(text, groups)).toBe(valid);
        // One canonical form, dotted tails included, and the same through the DNS wire codec.
        if (valid) expect(canonicalIpv6(text)).toBe(byUrl(text));
        if (valid) expect(bytesToIpv6(Buffer.from([...groups].flatMap((g) => [g >> 8, g & 0xff])))).toBe(byUrl(text));
      }),
      { numRuns: 3000, seed: 5952 },
    );
  });
});

describe('parseIpv4 against node:net', () => {
  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '', 'a.b.c.d', '01.2.3.4', '1.2.3.04', ' 1.2.3.4', '1.2.3.4 ', '1..2.3'])(
    'refuses "%s"',
    (text) => {
      expect(parseIpv4(text)).toBe(-1);
    },
  );

  it('accepts exactly what isIPv4 accepts, and writes it back as it was', () => {
    const octet = fc.integer({ min: 0, max: 255 }).map(String);
    const quad = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
    const noise = fc.stringMatching(/^[0-9.]{0,16}$/);
    fc.assert(
      fc.property(fc.oneof(quad, noise), (text) => {
        expect(isIpv4Text(text)).toBe(isIPv4(text));
        if (isIPv4(text)) expect(formatIpv4(parseIpv4(text))).toBe(text);
      }),
      { numRuns: 3000, seed: 791 },
    );
  });
});

describe('one reading of an address everywhere', () => {
  it.each([
    ['2001:DB8:0::1', '2001:db8::1'],
    ['::FFFF:192.0.2.1', '::ffff:c000:201'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
  ])('%s reads as %s in PrivateZone values, CIDR arithmetic and the policy evaluator', (text, canonical) => {
    expect(canonicalIpv6(text)).toBe(canonical);
    expect(canonicalValue('AAAA', text)).toEqual({ ok: true, value: canonical });
    const ip = parseIp(text)!;
    expect(formatIp(ip.family, ip.value)).toBe(canonical);
    const words = new Uint32Array(4);
    const again = new Uint32Array(4);
    expect(parseAddress(text, words)).toBe(true);
    expect(parseAddress(canonical, again)).toBe(true);
    expect([...words]).toEqual([...again]);
  });

  it.each(['fe80::1%eth0', '1.2.3.04', '::1.2.3'])('%s is refused by each of them', (text) => {
    expect(canonicalValue(text.includes(':') ? 'AAAA' : 'A', text).ok).toBe(false);
    expect(parseIp(text)).toBeUndefined();
    expect(parseCidr(`${text}/32`)).toBeUndefined();
    expect(parseAddress(text, new Uint32Array(4))).toBe(false);
  });
});
