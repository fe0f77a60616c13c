import { describe, expect, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { MAX_CNAME_HOPS } from '../../../src/dns/zone/index.js';
import { expectResult, type Expected } from './zone-text.js';

type Case = { q: string; type: number; why: string } & Expected;

function table(zone: ReturnType<typeof zoneFromText>, cases: Case[]): void {
  it.each(cases)('$q type $type: $why', ({ q, type, why: _why, ...expected }) => {
    expectResult(zone.lookup(q, type), expected);
  });
}

const chainLinks = Array.from({ length: MAX_CNAME_HOPS + 3 }, (_, i) => `h${i} 300 CNAME h${i + 1}`).join('\n');

describe('CNAME chains inside the zone', () => {
  const zone = zoneFromText(
    'example.org',
    `$ORIGIN example.org.
$TTL 300
@        3600 SOA ns1 hostmaster 1 7200 900 1209600 60
@             NS  ns1
ns1           A   192.0.2.53
a             CNAME b
b             CNAME c
c             A   192.0.2.3
c             TXT "c"
out           CNAME www.example.com.
loop1         CNAME loop2
loop2         CNAME loop1
dangling      CNAME missing
*.wild        CNAME c
todeleg       CNAME host.sub
sub           NS  ns.elsewhere.net.
short0        CNAME short1
short1        CNAME short2
short2        A   192.0.2.9
${chainLinks}
`,
  );
  const SOA = 'example.org. 60 IN SOA ns1.example.org. hostmaster.example.org. 1 7200 900 1209600 60';
  const AB = 'a.example.org. 300 IN CNAME b.example.org.\nb.example.org. 300 IN CNAME c.example.org.';
  table(zone, [
    {
      q: 'a.example.org',
      type: RRType.A,
      why: 'two hops to the data',
      status: 'success',
      answer: `${AB}\nc.example.org. 300 IN A 192.0.2.3`,
    },
    { q: 'a.example.org', type: RRType.AAAA, why: 'chain ends at NODATA (RFC 6604 §3)', status: 'noData', answer: AB, authority: SOA },
    {
      q: 'a.example.org',
      type: RRType.CNAME,
      why: 'QTYPE CNAME is not followed',
      status: 'success',
      answer: 'a.example.org. 300 IN CNAME b.example.org.',
    },
    {
      q: 'dangling.example.org',
      type: RRType.A,
      why: 'chain ends at NXDOMAIN (RFC 6604 §3)',
      status: 'nameError',
      answer: 'dangling.example.org. 300 IN CNAME missing.example.org.',
      authority: SOA,
    },
    {
      q: 'out.example.org',
      type: RRType.A,
      why: 'target outside the zone: the resolver follows',
      status: 'success',
      answer: 'out.example.org. 300 IN CNAME www.example.com.',
    },
    {
      q: 'loop1.example.org',
      type: RRType.A,
      why: 'a loop stops at the first repeated name',
      status: 'success',
      answer: 'loop1.example.org. 300 IN CNAME loop2.example.org.\nloop2.example.org. 300 IN CNAME loop1.example.org.',
    },
    {
      q: 'x.wild.example.org',
      type: RRType.A,
      why: 'a wildcard CNAME is synthesized, then followed',
      status: 'success',
      answer: 'x.wild.example.org. 300 IN CNAME c.example.org.\nc.example.org. 300 IN A 192.0.2.3',
    },
    {
      q: 'todeleg.example.org',
      type: RRType.A,
      why: 'target below a zone cut: the chain ends',
      status: 'success',
      answer: 'todeleg.example.org. 300 IN CNAME host.sub.example.org.',
    },
    {
      q: 'short0.example.org',
      type: RRType.A,
      why: 'a chain of two',
      status: 'success',
      answer:
        'short0.example.org. 300 IN CNAME short1.example.org.\nshort1.example.org. 300 IN CNAME short2.example.org.\nshort2.example.org. 300 IN A 192.0.2.9',
    },
  ]);

  it(`a chain longer than ${MAX_CNAME_HOPS} hops is cut off`, () => {
    const result = zone.lookup('h0.example.org', RRType.A);
    expect(result.status).toBe('success');
    expect(result.answer.map((rr) => rr.name)).toEqual(Array.from({ length: MAX_CNAME_HOPS + 1 }, (_, i) => `h${i}.example.org`));
  });
});

describe('delegations and glue', () => {
  const zone = zoneFromText(
    'example.net',
    `$ORIGIN example.net.
@        3600 IN SOA ns1 hostmaster 1 7200 900 1209600 300
@        3600 IN NS  ns1
ns1      3600 IN A   192.0.2.1
sub      3600 IN NS  ns.sub
sub      3600 IN NS  ns.elsewhere.org.
ns.sub   3600 IN A   192.0.2.10
ns.sub   3600 IN AAAA 2001:db8::10
mail     3600 IN MX  10 mx
mx       3600 IN A   192.0.2.25
`,
  );
  const SOA = 'example.net. 300 IN SOA ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 300';
  const REFERRAL = {
    status: 'delegation' as const,
    authority: 'sub.example.net. 3600 IN NS ns.sub.example.net.\nsub.example.net. 3600 IN NS ns.elsewhere.org.',
    additional: 'ns.sub.example.net. 3600 IN A 192.0.2.10\nns.sub.example.net. 3600 IN AAAA 2001:db8::10',
  };
  table(zone, [
    { q: 'www.sub.example.net', type: RRType.A, why: 'below the cut: referral with glue', ...REFERRAL },
    { q: 'sub.example.net', type: RRType.NS, why: "NS at the cut is the child's: referral", ...REFERRAL },
    { q: 'ns.sub.example.net', type: RRType.A, why: 'glue is not authoritative data: referral', ...REFERRAL },
    { q: 'sub.example.net', type: 43, why: 'DS at the cut is parent-side data (RFC 4035)', status: 'noData', authority: SOA },
    {
      q: 'example.net',
      type: RRType.NS,
      why: 'apex NS, with in-zone addresses',
      status: 'success',
      answer: 'example.net. 3600 IN NS ns1.example.net.',
      additional: 'ns1.example.net. 3600 IN A 192.0.2.1',
    },
    {
      q: 'example.net',
      type: RRType.SOA,
      why: 'apex SOA keeps its own TTL',
      status: 'success',
      answer: 'example.net. 3600 IN SOA ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 300',
    },
    {
      q: 'mail.example.net',
      type: RRType.MX,
      why: 'MX target address in additional',
      status: 'success',
      answer: 'mail.example.net. 3600 IN MX 10 mx.example.net.',
      additional: 'mx.example.net. 3600 IN A 192.0.2.25',
    },
    { q: 'www.example.com', type: RRType.A, why: 'not in this zone', status: 'notAuthoritative' },
  ]);
});

describe('NXDOMAIN, NODATA and the negative TTL (RFC 2308 §3, §5)', () => {
  const text = (soaTtl: number, minimum: number): string => `$ORIGIN cn-hangzhou.privatelink.aliyuncs.com.
@ ${soaTtl} IN SOA ns1 hostmaster 7 3600 600 86400 ${minimum}
@ 3600 IN NS ns1
ns1 3600 IN A 192.0.2.1
ep-1.epsrv-1 60 IN A 10.0.0.1
ep-1-cn-hangzhou-h.epsrv-1 60 IN A 10.0.0.1
`;
  const soa = (ttl: number, minimum: number, soaTtl = ttl): string =>
    `cn-hangzhou.privatelink.aliyuncs.com. ${soaTtl} IN SOA ns1.cn-hangzhou.privatelink.aliyuncs.com. hostmaster.cn-hangzhou.privatelink.aliyuncs.com. 7 3600 600 86400 ${minimum}`;

  it.each([
    { soaTtl: 3600, minimum: 300, negative: 300 },
    { soaTtl: 60, minimum: 300, negative: 60 },
    { soaTtl: 0, minimum: 300, negative: 0 },
  ])('SOA TTL $soaTtl, MINIMUM $minimum: negative TTL $negative', ({ soaTtl, minimum, negative }) => {
    const zone = zoneFromText('cn-hangzhou.privatelink.aliyuncs.com', text(soaTtl, minimum));
    const authority = soa(negative, minimum);
    expectResult(zone.lookup('ep-9.epsrv-1.cn-hangzhou.privatelink.aliyuncs.com', RRType.A), { status: 'nameError', authority });
    expectResult(zone.lookup('epsrv-1.cn-hangzhou.privatelink.aliyuncs.com', RRType.A), { status: 'noData', authority });
    expectResult(zone.lookup('ep-1.epsrv-1.cn-hangzhou.privatelink.aliyuncs.com', RRType.AAAA), { status: 'noData', authority });
    expectResult(zone.lookup('epsrv-2.cn-hangzhou.privatelink.aliyuncs.com', RRType.A), { status: 'nameError', authority });
    expectResult(zone.lookup('x.ep-1.epsrv-1.cn-hangzhou.privatelink.aliyuncs.com', RRType.A), { status: 'nameError', authority });
    expectResult(zone.lookup('cn-hangzhou.privatelink.aliyuncs.com', RRType.SOA), {
      status: 'success',
      answer: soa(soaTtl, minimum),
    });
  });

  it('unknown and meta query types at an existing name answer NODATA', () => {
    const zone = zoneFromText('cn-hangzhou.privatelink.aliyuncs.com', text(3600, 300));
    for (const type of [666, 65535, 99]) {
      expect(zone.lookup('ep-1.epsrv-1.cn-hangzhou.privatelink.aliyuncs.com', type).status).toBe('noData');
    }
  });
});

describe('ANY (RFC 8482 §4.1: one RRset)', () => {
  const zone = zoneFromText(
    'example.com',
    `$ORIGIN example.com.
$TTL 300
@ SOA ns hostmaster 1 2 3 4 60
@ NS ns
@ MX 10 mail
ns A 192.0.2.1
multi A 192.0.2.7
multi AAAA 2001:db8::7
multi TXT "hello"
multi MX 5 mail
txtonly TXT "t"
alias CNAME multi
*.wild TXT "w"
deep.ent A 192.0.2.8
`,
  );
  const SOA = 'example.com. 60 IN SOA ns.example.com. hostmaster.example.com. 1 2 3 4 60';
  table(zone, [
    {
      q: 'multi.example.com',
      type: RRType.ANY,
      why: 'A preferred among several',
      status: 'success',
      answer: 'multi.example.com. 300 IN A 192.0.2.7',
    },
    { q: 'txtonly.example.com', type: RRType.ANY, why: 'the only RRset', status: 'success', answer: 'txtonly.example.com. 300 IN TXT "t"' },
    {
      q: 'example.com',
      type: RRType.ANY,
      why: 'the apex answers its SOA',
      status: 'success',
      answer: 'example.com. 300 IN SOA ns.example.com. hostmaster.example.com. 1 2 3 4 60',
    },
    {
      q: 'alias.example.com',
      type: RRType.ANY,
      why: 'a CNAME is answered, not followed',
      status: 'success',
      answer: 'alias.example.com. 300 IN CNAME multi.example.com.',
    },
    {
      q: 'x.wild.example.com',
      type: RRType.ANY,
      why: 'synthesized from the wildcard',
      status: 'success',
      answer: 'x.wild.example.com. 300 IN TXT "w"',
    },
    { q: 'ent.example.com', type: RRType.ANY, why: 'empty non-terminal: NODATA', status: 'noData', authority: SOA },
    { q: 'none.example.com', type: RRType.ANY, why: 'no such name: NXDOMAIN', status: 'nameError', authority: SOA },
  ]);
});

describe('case-insensitivity (RFC 4343)', () => {
  const zone = zoneFromText(
    'Example.COM',
    `$ORIGIN Example.COM.
@ 300 IN SOA NS.Example.COM. HostMaster.Example.COM. 1 2 3 4 60
@ 300 IN NS NS
WWW 300 IN A 192.0.2.80
Alias 300 IN CNAME WwW
`,
  );
  table(zone, [
    {
      q: 'www.example.com',
      type: RRType.A,
      why: 'data written in upper case',
      status: 'success',
      answer: 'www.example.com. 300 IN A 192.0.2.80',
    },
    { q: 'wWw.EXAMPLE.cOm', type: RRType.A, why: 'query in mixed case', status: 'success', answer: 'www.example.com. 300 IN A 192.0.2.80' },
    {
      q: 'ALIAS.example.com.',
      type: RRType.A,
      why: 'CNAME target in another case, trailing dot',
      status: 'success',
      answer: 'alias.example.com. 300 IN CNAME www.example.com.\nwww.example.com. 300 IN A 192.0.2.80',
    },
  ]);

  it('only ASCII letters fold: other octets keep their value', () => {
    expect(zone.lookup('wÀw.example.com', RRType.A).status).toBe('nameError');
  });
});
