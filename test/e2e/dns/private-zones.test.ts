import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, startStack, type Stack } from '../../api/conveniences/stack.js';
import { newVpc, pvtz } from '../../api/pvtz/pvtz-helpers.js';
import { dig, kdig } from '../../helpers/dig.js';
import { bindResolver, dnsTarget, from, privateZone } from './dns-e2e.js';

const A = '127.0.0.21';
const B = '127.0.0.22';
const UNBOUND_VPC = '127.0.0.23';
const NO_BINDING = '127.0.0.24';

/**
 * docs/dns.md "names in a private zone bound to the asking VPC": PrivateZone
 * records created through the cloud API, answered by the real server to real
 * dig/kdig from the loopback address a resolver binding maps to each VPC.
 */
describe.each(STORES)('private zones through the API and dig (%s store)', (store) => {
  let stack: Stack;
  let zoneA: string;
  let zoneB: string;
  let wwwRecord: number;

  beforeAll(async () => {
    stack = await startStack(store);
    const vpc = stack.client('consumer', 'vpc');
    const client = stack.client('consumer', 'pvtz');
    const [vpcA, vpcB, vpcC] = [await newVpc(vpc, 81), await newVpc(vpc, 82), await newVpc(vpc, 83)];
    await bindResolver(stack, vpcA, A);
    await bindResolver(stack, vpcB, B);
    await bindResolver(stack, vpcC, UNBOUND_VPC);
    zoneA = await privateZone(
      client,
      'corp.example',
      [
        ['www', 'A', '10.81.0.1'],
        ['www', 'A', '10.81.0.2'],
        ['v6', 'AAAA', '2001:db8::81'],
        ['alias', 'CNAME', 'www.corp.example'],
        ['c1', 'CNAME', 'c2.corp.example'],
        ['c2', 'CNAME', 'www.corp.example'],
        ['out', 'CNAME', 'www.example.org'],
        ['@', 'MX', 'mail.corp.example', { Priority: 10 }],
        ['mail', 'A', '10.81.0.25'],
        ['_ldap._tcp', 'SRV', '0 100 389 ldap.corp.example'],
        ['txt', 'TXT', 'hello private', { Ttl: 300 }],
        ['*.dev', 'A', '10.81.9.9'],
      ],
      [vpcA],
    );
    zoneB = await privateZone(client, 'corp.example', [['www', 'A', '10.82.0.1']], [vpcB]);
    await privateZone(client, '81.10.in-addr.arpa', [['1.0', 'PTR', 'www.corp.example']], [vpcA]);
    const listed = await pvtz(client, 'DescribeZoneRecords', { ZoneId: zoneA, Keyword: 'www' });
    wwwRecord = (listed['Records'] as { Record: Array<{ RecordId: number; Value: string }> }).Record.find(
      (r) => r.Value === '10.81.0.1',
    )!.RecordId;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const ask = (source: string, name: string, type: string, ...extra: string[]) =>
    dig(dnsTarget(stack), [...from(source), name, type, ...extra]);
  const data = (records: Array<{ data: string }>) => records.map((r) => r.data).sort();

  it('answers each record type with AA in the bound VPC', async () => {
    const www = await ask(A, 'www.corp.example', 'A');
    expect(www.status).toBe('NOERROR');
    expect(www.flags).toContain('aa');
    expect(data(www.answer)).toEqual(['10.81.0.1', '10.81.0.2']);
    expect(www.answer[0]?.ttl).toBe(60);
    expect(data((await ask(A, 'v6.corp.example', 'AAAA')).answer)).toEqual(['2001:db8::81']);
    const mx = await ask(A, 'corp.example', 'MX');
    expect(data(mx.answer)).toEqual(['10 mail.corp.example.']);
    expect(mx.additional.map((r) => `${r.name} ${r.data}`)).toEqual(['mail.corp.example. 10.81.0.25']);
    expect(data((await ask(A, '_ldap._tcp.corp.example', 'SRV')).answer)).toEqual(['0 100 389 ldap.corp.example.']);
    const txt = await kdig(dnsTarget(stack), [...from(A), 'txt.corp.example', 'TXT']);
    expect(txt.answer.map((r) => [r.ttl, r.data])).toEqual([[300, '"hello private"']]);
    expect(data((await ask(A, '-x', '10.81.0.1')).answer)).toEqual(['www.corp.example.']);
  });

  it('follows CNAME chains inside the zone and stops at the zone’s edge', async () => {
    const chain = await ask(A, 'c1.corp.example', 'A');
    // The chain in order, then the target's RRset (in any order).
    const lines = chain.answer.map((r) => `${r.name} ${r.type} ${r.data}`);
    expect(lines.slice(0, 2)).toEqual(['c1.corp.example. CNAME c2.corp.example.', 'c2.corp.example. CNAME www.corp.example.']);
    expect(lines.slice(2).sort()).toEqual(['www.corp.example. A 10.81.0.1', 'www.corp.example. A 10.81.0.2']);
    const out = await ask(A, 'out.corp.example', 'A');
    expect(out.status).toBe('NOERROR');
    expect(out.answer.map((r) => `${r.type} ${r.data}`)).toEqual(['CNAME www.example.org.']);
  });

  it('synthesizes from wildcards per RFC 4592 and answers NXDOMAIN/NODATA with the zone’s SOA', async () => {
    const wild = await ask(A, 'a.b.dev.corp.example', 'A');
    expect(wild.answer.map((r) => `${r.name} ${r.data}`)).toEqual(['a.b.dev.corp.example. 10.81.9.9']);
    // dev itself is an empty non-terminal: NODATA, not the wildcard (RFC 4592 §2.2.2).
    const ent = await ask(A, 'dev.corp.example', 'A');
    expect(ent.status).toBe('NOERROR');
    expect(ent.answer).toHaveLength(0);
    const missing = await ask(A, 'nope.corp.example', 'A');
    expect(missing.status).toBe('NXDOMAIN');
    expect(missing.flags).toContain('aa');
    expect(missing.authority[0]).toMatchObject({ name: 'corp.example.', type: 'SOA', ttl: 30 });
    expect(missing.authority[0]?.data).toMatch(
      /^ns1\.cn-hangzhou\.privatelink\.aliyuncs\.com\. hostmaster\.cn-hangzhou\.privatelink\.aliyuncs\.com\. \d+ 3600 600 86400 30$/,
    );
    const nodata = await ask(A, 'www.corp.example', 'TXT');
    expect(nodata.status).toBe('NOERROR');
    expect(nodata.answer).toHaveLength(0);
    expect(nodata.authority[0]?.type).toBe('SOA');
    expect(data((await ask(A, 'corp.example', 'NS')).answer)).toEqual(['ns1.cn-hangzhou.privatelink.aliyuncs.com.']);
  });

  it('gives each VPC its own zone of a shared name, and REFUSED to the others', async () => {
    expect(data((await ask(B, 'WWW.Corp.Example', 'A')).answer)).toEqual(['10.82.0.1']);
    expect((await ask(B, 'mail.corp.example', 'A')).status).toBe('NXDOMAIN');
    for (const source of [UNBOUND_VPC, NO_BINDING]) {
      const refused = await ask(source, 'www.corp.example', 'A');
      expect(refused.status).toBe('REFUSED');
      expect(refused.flags).not.toContain('aa');
      expect(refused.answer).toHaveLength(0);
      expect((await ask(source, '-x', '10.81.0.1')).status).toBe('REFUSED');
    }
    // Endpoint domains stay public: the region zone answers every source.
    expect((await ask(NO_BINDING, 'cn-hangzhou.privatelink.aliyuncs.com', 'SOA')).status).toBe('NOERROR');
  });

  it('follows record changes, rebinding and deletion at once', async () => {
    const client = stack.client('consumer', 'pvtz');
    await pvtz(client, 'UpdateZoneRecord', { RecordId: wwwRecord, Rr: 'www', Type: 'A', Value: '10.81.0.3', Ttl: 120 });
    const updated = await ask(A, 'www.corp.example', 'A');
    expect(data(updated.answer)).toEqual(['10.81.0.2', '10.81.0.3']);
    await pvtz(client, 'DeleteZoneRecord', { RecordId: wwwRecord });
    expect(data((await ask(A, 'www.corp.example', 'A')).answer)).toEqual(['10.81.0.2']);
    const added = (await pvtz(client, 'AddZoneRecord', { ZoneId: zoneA, Rr: 'new', Type: 'A', Value: '10.81.0.77' }))['RecordId'];
    expect(data((await ask(A, 'new.corp.example', 'A')).answer)).toEqual(['10.81.0.77']);
    expect(added).toEqual(expect.any(Number));

    await pvtz(client, 'BindZoneVpc', { ZoneId: zoneA });
    expect((await ask(A, 'www.corp.example', 'A')).status).toBe('REFUSED');
    expect(data((await ask(B, 'www.corp.example', 'A')).answer)).toEqual(['10.82.0.1']);
    await pvtz(client, 'BindZoneVpc', { ZoneId: zoneB });
    await pvtz(client, 'DeleteZone', { ZoneId: zoneB });
    expect((await ask(B, 'www.corp.example', 'A')).status).toBe('REFUSED');
  });
});
