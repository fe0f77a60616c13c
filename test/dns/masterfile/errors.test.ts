import { describe, expect, it } from 'vitest';
import { formatError, parseZone, type IncludeResolver } from '../../../src/dns/masterfile/index.js';

/** A valid zone head; each case appends its faulty lines from line 4 on. */
const HEAD = `$ORIGIN example.com.
@ 300 IN SOA ns1 hostmaster 1 7200 900 1209600 300
@ 300 IN NS ns1
`;

function errorsOf(body: string, include?: IncludeResolver): string[] {
  const { zone, errors } = parseZone('example.com', HEAD + body, { file: 'example.com.zone', include });
  expect(zone).toBeUndefined();
  return errors.map(formatError);
}

const cases: Array<{ what: string; body: string; error: string }> = [
  { what: 'unknown type', body: 'www 300 IN FOO 1', error: 'example.com.zone:4: unknown type "FOO"' },
  {
    what: 'a type without text support',
    body: 'www 300 IN HINFO "a" "b"',
    error: 'example.com.zone:4: type HINFO is not supported by name; write it as TYPEnnn \\# <length> <hex> (RFC 3597 §5)',
  },
  { what: 'missing type', body: 'www 300 IN', error: 'example.com.zone:4: missing record type' },
  { what: 'another class', body: 'www 300 CH A 192.0.2.1', error: 'example.com.zone:4: class CH is not served (only IN)' },
  { what: 'bad IPv4', body: 'www 300 A 192.0.2.300', error: 'example.com.zone:4: "192.0.2.300" is not an IPv4 address' },
  { what: 'bad IPv6', body: 'www 300 AAAA 2001:db8::g', error: 'example.com.zone:4: "2001:db8::g" is not an IPv6 address' },
  { what: 'wrong field count', body: 'mx 300 MX mail', error: 'example.com.zone:4: MX takes 2 fields (preference exchange), got 1' },
  {
    what: 'number out of range',
    body: 'mx 300 MX 65536 mail',
    error: 'example.com.zone:4: MX preference "65536" is not a number in 0..65535',
  },
  { what: 'TTL too large', body: 'www 2147483648 A 192.0.2.1', error: 'example.com.zone:4: TTL 2147483648 is larger than 2147483647' },
  { what: 'TTL garbage', body: '$TTL 1x', error: 'example.com.zone:4: TTL "1x" is not a number of seconds' },
  {
    what: 'unterminated quote',
    body: 'txt 300 TXT "open\nnext 300 A 192.0.2.1',
    error: 'example.com.zone:4: unterminated quoted string (quotes must close on the same line)',
  },
  { what: 'unclosed parenthesis', body: 'www 300 A (\n192.0.2.1', error: 'example.com.zone:4: "(" is never closed' },
  { what: 'stray closing parenthesis', body: 'www 300 A 192.0.2.1 )', error: 'example.com.zone:4: ")" without a matching "("' },
  { what: 'nested parentheses', body: 'www 300 TXT ( ( "a" ) )', error: 'example.com.zone:4: nested "(": parentheses do not nest' },
  { what: '\\DDD above 255', body: 't 300 TXT "\\256"', error: 'example.com.zone:4: "\\256" is not an octet (0..255)' },
  {
    what: '\\DDD with too few digits',
    body: 't 300 TXT "\\12x"',
    error: 'example.com.zone:4: "\\12x" must be "\\" and three decimal digits',
  },
  {
    what: 'TXT octets that are not UTF-8',
    body: 't 300 TXT "\\255"',
    error: 'example.com.zone:4: character-string is not valid UTF-8 (write it as generic RDATA, RFC 3597)',
  },
  {
    what: 'character-string over 255 octets',
    body: `t 300 TXT "${'x'.repeat(256)}"`,
    error: 'example.com.zone:4: character-string is 256 octets long (at most 255)',
  },
  {
    what: 'label over 63 octets',
    body: `${'a'.repeat(64)} 300 A 192.0.2.1`,
    error: `example.com.zone:4: label "${'a'.repeat(64)}" is 64 octets long (at most 63, RFC 1035 §2.3.4)`,
  },
  { what: 'empty label', body: 'a..b 300 A 192.0.2.1', error: 'example.com.zone:4: empty label in name "a..b"' },
  {
    what: 'a dot inside a label',
    body: 'a\\.b 300 A 192.0.2.1',
    error: 'example.com.zone:4: label "a\\.b" contains a "." (not supported)',
  },
  { what: 'generic length mismatch', body: 'x 300 TYPE999 \\# 3 abcd', error: 'example.com.zone:4: "\\#" says 3 octets but 2 follow' },
  {
    what: 'generic RDATA with odd hex',
    body: 'x 300 TYPE999 \\# 2 abc',
    error: 'example.com.zone:4: "abc" is not an even number of hexadecimal digits',
  },
  {
    what: 'unknown type without generic RDATA',
    body: 'x 300 TYPE999 hello',
    error: 'example.com.zone:4: TYPE999 RDATA must be written in the generic form "\\# <length> <hex>" (RFC 3597 §5)',
  },
  { what: 'generic A of the wrong length', body: 'x 300 A \\# 3 c00002', error: 'example.com.zone:4: RDATA ends too early' },
  { what: 'unknown directive', body: '$GENERATE 1-10 a$ A 192.0.2.$', error: 'example.com.zone:4: unknown directive $GENERATE' },
  { what: '$INCLUDE without a resolver', body: '$INCLUDE other.inc', error: 'example.com.zone:4: $INCLUDE is not allowed here' },
  {
    what: 'out-of-zone data',
    body: 'www.example.org. 300 A 192.0.2.1',
    error: 'example.com.zone:4: www.example.org is outside zone example.com (out-of-zone data is refused)',
  },
  {
    what: 'a second SOA',
    body: '@ 300 SOA ns1 hostmaster 2 7200 900 1209600 300',
    error: 'example.com.zone:4: second SOA at example.com: a zone has exactly one',
  },
  {
    what: 'an SOA below the apex',
    body: 'sub 300 SOA ns1 hostmaster 2 7200 900 1209600 300',
    error: 'example.com.zone:4: SOA at sub.example.com: the only SOA belongs at the apex example.com',
  },
  {
    what: 'a CNAME beside other data',
    body: 'www 300 A 192.0.2.1\nwww 300 CNAME other',
    error: 'example.com.zone:5: www.example.com: a CNAME must be the only data at its name (RFC 2181 §10.1)',
  },
  { what: 'a quoted owner', body: '"www" 300 A 192.0.2.1', error: 'example.com.zone:4: the owner name must not be quoted' },
];

describe('master-file errors carry file:line and say what is wrong', () => {
  it.each(cases)('$what', ({ body, error }) => {
    expect(errorsOf(body)).toEqual([error]);
  });

  it('reports every faulty entry in one run, with its own line', () => {
    expect(errorsOf('a 300 A 1.2.3\nok 300 A 192.0.2.1\n\nb 300 BOGUS x\n  300 MX 1')).toEqual([
      'example.com.zone:4: "1.2.3" is not an IPv4 address',
      'example.com.zone:7: unknown type "BOGUS"',
      'example.com.zone:8: MX takes 2 fields (preference exchange), got 1',
    ]);
  });

  it('a record with no TTL and no $TTL before it', () => {
    const { errors } = parseZone('example.com', 'example.com. IN SOA ns1 h 1 2 3 4 5', { file: 'x.zone' });
    expect(errors.map(formatError)).toEqual(['x.zone:1: no TTL: give the record one or set $TTL first (RFC 2308 §4)']);
  });

  it('a first record without an owner', () => {
    const { errors } = parseZone('example.com', '  300 IN A 192.0.2.1', { file: 'x.zone' });
    expect(errors.map(formatError)).toEqual(['x.zone:1: no owner name: the first record must start with one (not with a blank)']);
  });

  it('a zone without SOA, and without NS at the apex', () => {
    const { errors } = parseZone('example.com', 'www.example.com. 300 IN A 192.0.2.1', { file: 'x.zone' });
    expect(errors.map(formatError)).toEqual([
      'x.zone: no SOA record at the apex example.com',
      'x.zone: no NS records at the apex example.com',
    ]);
  });

  it('errors in included files name that file; include loops and depth are refused', () => {
    const files: Record<string, string> = { 'bad.inc': '\nx 300 A nope', 'loop.inc': '$INCLUDE loop.inc' };
    const include: IncludeResolver = (path) => {
      const text = files[path];
      return text === undefined ? { error: `cannot open "${path}"` } : { file: path, text };
    };
    expect(errorsOf('$INCLUDE bad.inc', include)).toEqual(['bad.inc:2: "nope" is not an IPv4 address']);
    expect(errorsOf('$INCLUDE loop.inc', include)).toEqual(['loop.inc:1: $INCLUDE loop: example.com.zone -> loop.inc -> loop.inc']);
    expect(errorsOf('$INCLUDE missing.inc', include)).toEqual(['example.com.zone:4: cannot open "missing.inc"']);
  });

  it('stops after 50 errors', () => {
    const { errors } = parseZone('example.com', HEAD + 'x 300 A bad\n'.repeat(80), { file: 'x.zone' });
    expect(errors).toHaveLength(50);
  });
});
