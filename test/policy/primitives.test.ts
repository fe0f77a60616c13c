import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/policy/dates.js';
import { cidrContains, parseAddress, parseCidr } from '../../src/policy/address-match.js';
import { WildcardPattern } from '../../src/policy/wildcard.js';

/** A slow but obviously right reference: the pattern as an anchored RegExp with escaped literals. */
function referenceMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u').test(text);
}

describe('WildcardPattern', () => {
  it('agrees with an escaped-RegExp reference on random patterns (case-sensitive and folded)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '/', ':', '.', '*', '?', '(', '[', '\\');
    const text = fc.array(fc.constantFrom('a', 'b', 'A', 'B', '/', ':', '.', '(', '[', '\\'), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 10 }).map((cs) => cs.join('')),
        text,
        fc.boolean(),
        (pattern, subject, fold) => {
          // A case-insensitive pattern is given the request value lowercased, as compile.ts does.
          expect(new WildcardPattern(pattern, fold).test(fold ? subject.toLowerCase() : subject)).toBe(
            referenceMatch(pattern, subject, fold),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('IP addresses', () => {
  it('reads IPv6 spellings of one address as the same bits', () => {
    const spellings = ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0::0:1'];
    const words = spellings.map((s) => {
      const out = new Uint32Array(4);
      expect(parseAddress(s, out)).toBe(true);
      return [...out];
    });
    for (const w of words) expect(w).toEqual([0x20010db8, 0, 0, 1]);
  });

  it('holds IPv4 as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2)', () => {
    const v4 = new Uint32Array(4);
    const mapped = new Uint32Array(4);
    expect(parseAddress('192.0.2.33', v4)).toBe(true);
    expect(parseAddress('::ffff:192.0.2.33', mapped)).toBe(true);
    expect([...v4]).toEqual([0, 0, 0xffff, 0xc0000221]);
    expect([...mapped]).toEqual([...v4]);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.4 ', '::g', ':::', '1:2:3:4:5:6:7', '12345::', '::1.2.3.4.5', '1::2::3'])(
    'refuses %j',
    (text) => {
      expect(parseAddress(text, new Uint32Array(4))).toBe(false);
    },
  );

  it('agrees with a BigInt reference on random IPv6 prefixes', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
        fc.integer({ min: 0, max: 128 }),
        (net, host, prefix) => {
          const hex = (n: bigint) => n.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
          const cidr = parseCidr(`${hex(net)}/${prefix}`)!;
          const address = new Uint32Array(4);
          expect(parseAddress(hex(host), address)).toBe(true);
          const shift = BigInt(128 - prefix);
          expect(cidrContains(cidr, address)).toBe(net >> shift === host >> shift);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('ISO 8601 dates', () => {
  it('agrees with Date.parse on RFC 3339 timestamps', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(parseIsoDate(iso)).toBe(date.getTime());
          expect(parseIsoDate(iso.replace('Z', '+08:00'))).toBe(date.getTime() - 8 * 3_600_000);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps years below 100 as written', () => {
    expect(parseIsoDate('0050-01-01')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it.each([
    '2019-02-29',
    '2019-1-01',
    '2019-01-01T24:00:00Z',
    '2019-01-01T10:00:00+8',
    '2019-01-01 10:00:00Z',
    '2019-01-01T10:00:00.Z',
    'today',
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeNaN();
  });
});
