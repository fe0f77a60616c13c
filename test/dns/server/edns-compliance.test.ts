import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dig, kdig, type DigResult } from '../../helpers/dig.js';
import { startFixture, ZONE, type Fixture } from './fixture.js';

/**
 * ISC's EDNS compliance checklist (genreport from DNS-Compliance-Testing): each
 * test sends what genreport sends, via the dig command genreport itself prints
 * for it, and `verdict` applies genreport's own checks (its `process()`), plus
 * plinkd's stricter header rules (RA and AD never set). An empty verdict is
 * genreport's "ok".
 */
interface ComplianceTest {
  name: string;
  dig: string[];
  /** The same query in kdig's syntax, where kdig can express it. */
  kdig?: string[];
  /** EDNS UDP size sent; 0 = no EDNS. */
  udpsize: number;
  version: number;
  do?: boolean;
  rd?: boolean;
  ad?: boolean;
  cd?: boolean;
  opcode?: number;
  ignoreTc?: boolean;
  type: 'SOA' | 'DNSKEY' | 'TYPE666' | 'none';
}

const TESTS: ComplianceTest[] = [
  { name: 'dns', dig: ['+noedns', '+noad', 'SOA', ZONE], kdig: ['+noedns', 'SOA', ZONE], udpsize: 0, version: 0, type: 'SOA' },
  {
    name: 'aa',
    dig: ['+noedns', '+noad', '+aaflag', 'SOA', ZONE],
    kdig: ['+noedns', '+aaflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'ad',
    dig: ['+noedns', '+ad', 'SOA', ZONE],
    kdig: ['+noedns', '+adflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    ad: true,
    type: 'SOA',
  },
  {
    name: 'cd',
    dig: ['+noedns', '+noad', '+cd', 'SOA', ZONE],
    kdig: ['+noedns', '+cdflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    cd: true,
    type: 'SOA',
  },
  {
    name: 'ra',
    dig: ['+noedns', '+noad', '+raflag', 'SOA', ZONE],
    kdig: ['+noedns', '+raflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'rd',
    dig: ['+noedns', '+noad', '+rec', 'SOA', ZONE],
    kdig: ['+noedns', '+rdflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    rd: true,
    type: 'SOA',
  },
  {
    name: 'tc',
    dig: ['+noedns', '+noad', '+tcflag', 'SOA', ZONE],
    kdig: ['+noedns', '+tcflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'zflag',
    dig: ['+noedns', '+noad', '+zflag', 'SOA', ZONE],
    kdig: ['+noedns', '+zflag', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    type: 'SOA',
  },
  { name: 'opcode', dig: ['+noedns', '+noad', '+header-only', '+opcode=15'], udpsize: 0, version: 0, opcode: 15, type: 'none' },
  {
    name: 'opcodeflg',
    dig: ['+noedns', '+header-only', '+opcode=15', '+tcflag', '+rec', '+raflag', '+cd', '+ad', '+aaflag', '+zflag'],
    udpsize: 0,
    version: 0,
    opcode: 15,
    rd: true,
    ad: true,
    cd: true,
    type: 'none',
  },
  {
    name: 'type666',
    dig: ['+noedns', '+noad', 'TYPE666', ZONE],
    kdig: ['+noedns', 'TYPE666', ZONE],
    udpsize: 0,
    version: 0,
    type: 'TYPE666',
  },
  {
    name: 'tcp',
    dig: ['+noedns', '+noad', '+tcp', 'SOA', ZONE],
    kdig: ['+noedns', '+tcp', 'SOA', ZONE],
    udpsize: 0,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'edns',
    dig: ['+edns=0', '+noad', 'SOA', ZONE],
    kdig: ['+edns=0', '+bufsize=4096', 'SOA', ZONE],
    udpsize: 4096,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'edns1',
    dig: ['+edns=1', '+noednsneg', '+noad', 'SOA', ZONE],
    kdig: ['+edns=1', 'SOA', ZONE],
    udpsize: 4096,
    version: 1,
    type: 'SOA',
  },
  {
    name: 'edns@512',
    dig: ['+edns=0', '+noad', '+dnssec', '+ignore', '+bufsize=512', 'DNSKEY', ZONE],
    kdig: ['+edns=0', '+dnssec', '+ignore', '+bufsize=512', 'DNSKEY', ZONE],
    udpsize: 512,
    version: 0,
    do: true,
    ignoreTc: true,
    type: 'DNSKEY',
  },
  {
    name: 'ednsopt',
    dig: ['+edns=0', '+noad', '+ednsopt=100', 'SOA', ZONE],
    kdig: ['+edns=0', '+ednsopt=100:', 'SOA', ZONE],
    udpsize: 4096,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'edns1opt',
    dig: ['+edns=1', '+noednsneg', '+noad', '+ednsopt=100', 'SOA', ZONE],
    kdig: ['+edns=1', '+ednsopt=100:', 'SOA', ZONE],
    udpsize: 4096,
    version: 1,
    type: 'SOA',
  },
  {
    name: 'do',
    dig: ['+edns=0', '+noad', '+dnssec', 'SOA', ZONE],
    kdig: ['+edns=0', '+dnssec', 'SOA', ZONE],
    udpsize: 4096,
    version: 0,
    do: true,
    type: 'SOA',
  },
  {
    name: 'docd',
    dig: ['+edns=0', '+noad', '+dnssec', '+cd', 'SOA', ZONE],
    kdig: ['+dnssec', '+cdflag', 'SOA', ZONE],
    udpsize: 4096,
    version: 0,
    do: true,
    cd: true,
    type: 'SOA',
  },
  {
    name: 'edns1do',
    dig: ['+edns=1', '+noednsneg', '+noad', '+dnssec', 'SOA', ZONE],
    kdig: ['+edns=1', '+dnssec', 'SOA', ZONE],
    udpsize: 4096,
    version: 1,
    do: true,
    type: 'SOA',
  },
  { name: 'ednsflags', dig: ['+edns=0', '+noad', '+ednsflags=0x0080', 'SOA', ZONE], udpsize: 4096, version: 0, type: 'SOA' },
  {
    name: 'optlist',
    dig: ['+edns=0', '+noad', '+nsid', '+subnet=0.0.0.0/0', '+expire', '+cookie=0102030405060708', 'SOA', ZONE],
    kdig: ['+nsid', '+subnet=0.0.0.0/0', '+expire', '+cookie=0102030405060708', 'SOA', ZONE],
    udpsize: 4096,
    version: 0,
    type: 'SOA',
  },
  {
    name: 'ednstcp',
    dig: ['+edns=0', '+noad', '+dnssec', '+bufsize=512', '+tcp', 'DNSKEY', ZONE],
    kdig: ['+dnssec', '+bufsize=512', '+tcp', 'DNSKEY', ZONE],
    udpsize: 512,
    version: 0,
    do: true,
    type: 'DNSKEY',
  },
];

/** genreport's `process()` checks, returning its failure tags. */
function verdict(t: ComplianceTest, r: DigResult): string[] {
  const tags: string[] = [];
  const opcode = t.opcode ?? 0;
  const has = (flag: string): boolean => r.flags.includes(flag);
  const seenOpt = r.edns !== undefined;
  const seenSoa = r.answer.some((a) => a.type === 'SOA' && a.name.toLowerCase() === `${ZONE}.`);
  if (r.opcode !== opcode) tags.push(`opcode${r.opcode}`);
  if (opcode !== 0 && (r.question.length > 0 || r.answer.length > 0 || r.authority.length > 0 || r.additional.length > 0))
    tags.push('non-empty-section');
  if (t.version === 0 && opcode === 0 && r.rcode !== 0) tags.push(r.status.toLowerCase());
  if (t.version === 0 && opcode !== 0 && r.rcode !== 4) tags.push(r.status.toLowerCase());
  if (t.version !== 0 && r.rcode !== 16) tags.push(r.status.toLowerCase());
  if (seenOpt && r.edns?.version !== 0) tags.push('version-not-zero');
  if (!seenOpt && t.udpsize > 0) tags.push('noopt');
  if (seenOpt && t.udpsize === 0) tags.push('opt');
  if (t.type === 'SOA' && t.version === 0 && !t.ignoreTc && !seenSoa && r.rcode === 0) tags.push('nosoa');
  if (t.type === 'SOA' && seenSoa && (t.version !== 0 || r.rcode !== 0)) tags.push('soa');
  if (r.edns?.options.some((o) => o.name === 'OPT=100' || o.name === 'OPT100')) tags.push('echoed');
  if (seenOpt && t.do === true && !(r.edns?.flags.includes('do') ?? false)) tags.push('nodo');
  if (!has('aa') && t.version === 0 && r.rcode === 0 && opcode === 0) tags.push('noaa');
  if (has('aa') && opcode !== 0) tags.push('aa');
  if (has('ra')) tags.push('ra'); // stricter than genreport: plinkd never recurses
  if (has('rd') && (opcode !== 0 || t.rd !== true)) tags.push('rd');
  if (!has('rd') && t.rd === true && opcode === 0) tags.push('nord');
  if (has('ad')) tags.push('ad'); // stricter than genreport: plinkd never validates
  if (has('cd') && (opcode !== 0 || t.cd !== true)) tags.push('cd');
  if (has('z')) tags.push('z');
  if ((r.edns?.mbz ?? 0) !== 0) tags.push('mbz');
  if (t.ignoreTc === true && r.size > (t.udpsize || 512)) tags.push('toobig');
  return tags;
}

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

describe('genreport checklist with dig over IPv4', () => {
  it.each(TESTS)('$name', async (t) => {
    const result = await dig({ host: '127.0.0.1', port: fixture.port }, t.dig);
    expect(verdict(t, result), result.raw).toEqual([]);
  });
});

describe('genreport checklist with kdig over IPv6', () => {
  it.each(TESTS.filter((t) => t.kdig !== undefined))('$name', async (t) => {
    const result = await kdig({ host: '::1', port: fixture.port }, t.kdig ?? []);
    expect(verdict(t, result), result.raw).toEqual([]);
  });
});

describe('what the checklist implies, said directly', () => {
  const target = (): { host: string; port: number } => ({ host: '127.0.0.1', port: fixture.port });

  it('advertises 1232 and answers BADVERS with an OPT of version 0 and no answer', async () => {
    const r = await dig(target(), ['+edns=1', '+noednsneg', 'SOA', ZONE]);
    expect(r.status).toBe('BADVERS');
    expect(r.edns).toMatchObject({ version: 0, udpSize: 1232 });
    expect(r.answer).toEqual([]);
  });

  it('echoes ECS with scope 0 and no other option of optlist', async () => {
    const r = await dig(target(), ['+nsid', '+subnet=0.0.0.0/0', '+expire', '+cookie=0102030405060708', 'SOA', ZONE]);
    expect(r.edns?.options).toEqual([{ name: 'CLIENT-SUBNET', value: '0.0.0.0/0/0' }]);
  });

  it('sends no OPT when the query had none', async () => {
    const r = await dig(target(), ['+noedns', 'www.example.test']);
    expect(r.edns).toBeUndefined();
    expect(r.answer.map((a) => a.data)).toEqual(['192.0.2.10']);
  });

  it('does not echo an undefined EDNS flag but does echo DO', async () => {
    const r = await dig(target(), ['+ednsflags=0x4080', '+dnssec', 'SOA', ZONE]);
    expect(r.edns).toMatchObject({ flags: ['do'], mbz: 0 });
  });
});
