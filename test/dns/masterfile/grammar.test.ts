import { describe, expect, it } from 'vitest';
import { formatError, formatRecord, parseMasterFile, type IncludeResolver } from '../../../src/dns/masterfile/index.js';
import { rrs } from '../zone/zone-text.js';

/** Parses `text` (origin example.com) and renders the records as sorted zone-file lines. */
function parsed(text: string, include?: IncludeResolver): string[] {
  const result = parseMasterFile(text, { origin: 'example.com', file: 'test.zone', include });
  expect(result.errors.map(formatError)).toEqual([]);
  return result.records.map((rr) => formatRecord({ name: rr.owner, type: rr.type, class: 1, ttl: rr.ttl, data: rr.data })).sort();
}

const cases: Array<{ what: string; text: string; expected: string }> = [
  {
    what: 'absolute and relative owners, @',
    text: 'www.example.com. 300 IN A 192.0.2.1\nmail 300 IN A 192.0.2.2\n@ 300 IN A 192.0.2.3',
    expected: 'www.example.com. 300 IN A 192.0.2.1\nmail.example.com. 300 IN A 192.0.2.2\nexample.com. 300 IN A 192.0.2.3',
  },
  {
    what: '$ORIGIN changes relative names, absolute or relative to the previous origin',
    text: '$ORIGIN sub.example.com.\na 1 A 192.0.2.1\n$ORIGIN deeper\nb 1 A 192.0.2.2',
    expected: 'a.sub.example.com. 1 IN A 192.0.2.1\nb.deeper.sub.example.com. 1 IN A 192.0.2.2',
  },
  {
    what: '$TTL is the default TTL (RFC 2308 §4)',
    text: '$TTL 3600\na A 192.0.2.1\nb 60 A 192.0.2.2\nc A 192.0.2.3',
    expected: 'a.example.com. 3600 IN A 192.0.2.1\nb.example.com. 60 IN A 192.0.2.2\nc.example.com. 3600 IN A 192.0.2.3',
  },
  {
    what: 'without $TTL the last TTL carries on (RFC 1035 §5.1)',
    text: 'a 120 A 192.0.2.1\nb A 192.0.2.2',
    expected: 'a.example.com. 120 IN A 192.0.2.1\nb.example.com. 120 IN A 192.0.2.2',
  },
  {
    what: 'TTL units',
    text: 'a 1h30m A 192.0.2.1\nb 2D A 192.0.2.2\nc 1w A 192.0.2.3',
    expected: 'a.example.com. 5400 IN A 192.0.2.1\nb.example.com. 172800 IN A 192.0.2.2\nc.example.com. 604800 IN A 192.0.2.3',
  },
  {
    what: 'an omitted owner is the previous one; class and TTL in either order',
    text: 'host 60 IN A 192.0.2.1\n  IN 60 AAAA 2001:db8::1\n\t60 TXT "t"\n  in a 192.0.2.2',
    expected:
      'host.example.com. 60 IN A 192.0.2.1\nhost.example.com. 60 IN AAAA 2001:db8::1\nhost.example.com. 60 IN TXT "t"\nhost.example.com. 60 IN A 192.0.2.2',
  },
  {
    what: 'parentheses continue an entry across lines, comments anywhere',
    text: '@ 3600 IN SOA ns1 hostmaster ( ; the SOA\n  2024010101 ; serial\n  7200 900\n  1209600 ; expire\n  300 )   ; minimum\n; a comment line\n\nns1 60 A 192.0.2.53 ; trailing',
    expected:
      'example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300\nns1.example.com. 60 IN A 192.0.2.53',
  },
  {
    what: 'quoted strings with \\X and \\DDD escapes; several strings',
    text: 't 1 TXT "a \\"quoted\\" word" "semi;colon" "back\\\\slash" "\\065\\066C" unquoted',
    expected: 't.example.com. 1 IN TXT "a \\"quoted\\" word" "semi;colon" "back\\\\slash" "ABC" "unquoted"',
  },
  {
    what: 'UTF-8 text, written as is or as \\DDD octets',
    text: 't 1 TXT "é" "\\195\\169"',
    expected: 't.example.com. 1 IN TXT "\\195\\169" "\\195\\169"',
  },
  {
    what: 'escaped characters in names',
    text: 'a\\066c 1 A 192.0.2.1\nsp\\ ace 1 A 192.0.2.2',
    expected: 'abc.example.com. 1 IN A 192.0.2.1\nsp\\ ace.example.com. 1 IN A 192.0.2.2',
  },
  {
    what: 'NS, CNAME, PTR, MX, SRV targets relative and absolute',
    text: '@ 1 NS ns1\nw 1 CNAME www.example.org.\np 1 PTR host\n@ 1 MX 10 mail\n_sip._tcp 1 SRV 10 60 5060 sip.example.org.',
    expected:
      'example.com. 1 IN NS ns1.example.com.\nw.example.com. 1 IN CNAME www.example.org.\np.example.com. 1 IN PTR host.example.com.\nexample.com. 1 IN MX 10 mail.example.com.\n_sip._tcp.example.com. 1 IN SRV 10 60 5060 sip.example.org.',
  },
  {
    what: 'mnemonics in any case; IN or CLASS1',
    text: 'a 1 CLASS1 a 192.0.2.1\nb 1 in Cname a',
    expected: 'a.example.com. 1 IN A 192.0.2.1\nb.example.com. 1 IN CNAME a.example.com.',
  },
  {
    what: 'RFC 3597 generic RDATA for an unknown type',
    text: 'x 1 TYPE731 \\# 6 abcd ef 012345\ny 1 TYPE62347 \\# 0',
    expected: 'x.example.com. 1 IN TYPE731 \\# 6 abcdef012345\ny.example.com. 1 IN TYPE62347 \\# 0',
  },
  {
    what: 'RFC 3597 generic RDATA for known types is decoded',
    text: 'a 1 TYPE1 \\# 4 C0000201\nb 1 A \\# 4 c0000202\nm 1 MX \\# 8 000a 046d61696c 00\nt 1 TXT \\# 3 026869',
    expected:
      'a.example.com. 1 IN A 192.0.2.1\nb.example.com. 1 IN A 192.0.2.2\nm.example.com. 1 IN MX 10 mail.\nt.example.com. 1 IN TXT "hi"',
  },
  {
    what: '$INCLUDE with its own origin; origin and owner revert after it (RFC 1035 §5.1)',
    text: 'before 1 A 192.0.2.1\n$INCLUDE part.inc sub.example.com.\n  1 A 192.0.2.3\nafter 1 A 192.0.2.4',
    expected:
      'before.example.com. 1 IN A 192.0.2.1\nin.sub.example.com. 1 IN A 192.0.2.2\nbefore.example.com. 1 IN A 192.0.2.3\nafter.example.com. 1 IN A 192.0.2.4',
  },
];

describe('RFC 1035 §5 master-file grammar', () => {
  const include: IncludeResolver = (path) =>
    path === 'part.inc' ? { file: 'part.inc', text: '$TTL 99\nin 1 A 192.0.2.2\n' } : { error: `no ${path}` };

  it.each(cases)('$what', ({ text, expected }) => {
    expect(parsed(text, include)).toEqual(rrs(expected));
  });

  it('$TTL set inside an included file does not leak out of it', () => {
    expect(parsed('$TTL 5\n$INCLUDE part.inc\nafter A 192.0.2.9', include)).toContain('after.example.com. 5 IN A 192.0.2.9');
  });

  it('records keep the file and line they were written on', () => {
    const result = parseMasterFile('\n\na 1 A 192.0.2.1\n$INCLUDE part.inc\n(b 1\n A 192.0.2.2)', {
      origin: 'example.com',
      file: 'main.zone',
      include: () => ({ file: 'part.inc', text: '\nc 1 A 192.0.2.3' }),
    });
    expect(result.records.map((rr) => `${rr.file}:${rr.line} ${rr.owner}`)).toEqual([
      'main.zone:3 a.example.com',
      'part.inc:2 c.example.com',
      'main.zone:5 b.example.com',
    ]);
  });
});
