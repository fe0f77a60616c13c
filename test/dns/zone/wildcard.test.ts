import { describe, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { expectResult, type Expected } from './zone-text.js';

/**
 * The example zone of RFC 4592 §2.2.1 (SOA and SRV RDATA filled in), and
 * every query the RFC discusses for it (§2.2.1 and §3.3.3).
 */
const RFC4592 = zoneFromText(
  'example',
  `$ORIGIN example.
example.                 3600 IN  SOA   ns.example.com. hostmaster.example. 1 7200 900 1209600 300
example.                 3600     NS    ns.example.com.
example.                 3600     NS    ns.example.net.
*.example.               3600     TXT   "this is a wildcard"
*.example.               3600     MX    10 host1.example.
sub.*.example.           3600     TXT   "this is not a wildcard"
host1.example.           3600     A     192.0.2.1
_ssh._tcp.host1.example. 3600     SRV   0 0 22 host1.example.
_ssh._tcp.host2.example. 3600     SRV   0 0 22 host2.example.
subdel.example.          3600     NS    ns.example.com.
subdel.example.          3600     NS    ns.example.net.
`,
);

const SOA = 'example. 300 IN SOA ns.example.com. hostmaster.example. 1 7200 900 1209600 300';

const cases: Array<{ q: string; type: number; why: string } & Expected> = [
  {
    q: 'host3.example',
    type: RRType.MX,
    why: 'synthesized from *.example, owner is the query name',
    status: 'success',
    answer: 'host3.example. 3600 IN MX 10 host1.example.',
    additional: 'host1.example. 3600 IN A 192.0.2.1',
  },
  { q: 'host3.example', type: RRType.A, why: 'the wildcard has no A: NODATA', status: 'noData', authority: SOA },
  {
    q: 'foo.bar.example',
    type: RRType.TXT,
    why: 'synthesis two labels below the wildcard',
    status: 'success',
    answer: 'foo.bar.example. 3600 IN TXT "this is a wildcard"',
  },
  { q: 'host1.example', type: RRType.MX, why: 'host1 exists: no synthesis', status: 'noData', authority: SOA },
  { q: 'sub.*.example', type: RRType.MX, why: 'sub.*.example exists: no synthesis', status: 'noData', authority: SOA },
  {
    q: 'sub.*.example',
    type: RRType.TXT,
    why: 'a "*" not leftmost is an ordinary label',
    status: 'success',
    answer: 'sub.*.example. 3600 IN TXT "this is not a wildcard"',
  },
  {
    q: '_telnet._tcp.host1.example',
    type: RRType.SRV,
    why: '_tcp.host1 is an empty non-terminal: NXDOMAIN',
    status: 'nameError',
    authority: SOA,
  },
  {
    q: '_telnet._tcp.host2.example',
    type: RRType.SRV,
    why: 'closest encloser _tcp.host2 has no wildcard',
    status: 'nameError',
    authority: SOA,
  },
  { q: '_tcp.host1.example', type: RRType.A, why: 'an empty non-terminal answers NODATA', status: 'noData', authority: SOA },
  {
    q: 'host.subdel.example',
    type: RRType.A,
    why: 'below a zone cut: referral, never the wildcard',
    status: 'delegation',
    authority: 'subdel.example. 3600 IN NS ns.example.com.\nsubdel.example. 3600 IN NS ns.example.net.',
  },
  {
    q: 'ghost.*.example',
    type: RRType.MX,
    why: 'closest encloser *.example has no *.*.example',
    status: 'nameError',
    authority: SOA,
  },
  {
    q: '*.example',
    type: RRType.TXT,
    why: 'the wildcard name itself answers as a plain name',
    status: 'success',
    answer: '*.example. 3600 IN TXT "this is a wildcard"',
  },
  {
    q: '_ssh._tcp.host1.example',
    type: RRType.SRV,
    why: 'exact match, in-zone target in additional',
    status: 'success',
    answer: '_ssh._tcp.host1.example. 3600 IN SRV 0 0 22 host1.example.',
    additional: 'host1.example. 3600 IN A 192.0.2.1',
  },
  {
    q: 'HOST3.Example',
    type: RRType.TXT,
    why: 'names compare case-insensitively (RFC 4343)',
    status: 'success',
    answer: 'host3.example. 3600 IN TXT "this is a wildcard"',
  },
];

describe('RFC 4592 §2.2.1 example zone', () => {
  it.each(cases)('$q type $type: $why', ({ q, type, why: _why, ...expected }) => {
    expectResult(RFC4592.lookup(q, type), expected);
  });

  it('a wildcard that is only an empty non-terminal synthesizes NODATA (RFC 4592 §4.9)', () => {
    const zone = zoneFromText(
      'example',
      `example. 3600 IN SOA ns.example. h.example. 1 2 3 4 60
example. 3600 IN NS ns.example.
sub.*.example. 3600 IN TXT "below an empty wildcard"`,
    );
    expectResult(zone.lookup('anything.example', RRType.TXT), {
      status: 'noData',
      authority: 'example. 60 IN SOA ns.example. h.example. 1 2 3 4 60',
    });
  });
});
