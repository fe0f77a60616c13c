import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../api/conveniences/stack.js';
import { newVpc } from '../../api/pvtz/pvtz-helpers.js';
import { dig, kdig } from '../../helpers/dig.js';
import { bindResolver, dnsTarget, from, privateZone } from './dns-e2e.js';

const BOUND = '127.0.0.81';
const UNBOUND = '127.0.0.82';

/** Prometheus text → `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

async function metrics(stack: Stack): Promise<Map<string, number>> {
  const response = await fetch(`${stack.plinkd.apiUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(await response.text());
}

/** The JSON lines of the query log printed so far. */
function queryLog(stack: Stack): Array<Record<string, unknown>> {
  return stack.plinkd
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"query"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * docs/dns.md "Operations": /metrics counts queries by rcode, qtype and view (the
 * asking VPC, "-" without one), with a latency histogram and the replica's
 * lag; `--query-log` writes one JSON line per query.
 */
describe('DNS metrics and the query log', () => {
  let stack: Stack;
  let vpcId: string;

  beforeAll(async () => {
    stack = await startStack('memory', { extraArgs: ['--query-log', 'true'] });
    vpcId = await newVpc(stack.client('consumer', 'vpc'), 121);
    await bindResolver(stack, vpcId, BOUND);
    await privateZone(stack.client('consumer', 'pvtz'), 'ops.example', [['www', 'A', '10.121.0.1']], [vpcId]);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('counts every answered query by rcode, qtype and view, and times them', async () => {
    const before = await metrics(stack);
    const key = (rcode: string, qtype: string, view: string): string =>
      `plinkd_dns_queries_total{qtype="${qtype}",rcode="${rcode}",view="${view}"}`;
    const count = (m: Map<string, number>, k: string): number => m.get(k) ?? 0;
    const target = dnsTarget(stack);
    for (let i = 0; i < 3; i++) expect((await dig(target, [...from(BOUND), 'www.ops.example', 'A'])).status).toBe('NOERROR');
    expect((await dig(target, [...from(UNBOUND), 'www.ops.example', 'A'])).status).toBe('REFUSED');
    expect((await dig(target, [...from(BOUND), 'nope.ops.example', 'A'])).status).toBe('NXDOMAIN');
    expect((await dig(target, [...from(BOUND), 'www.ops.example', 'TYPE999'])).status).toBe('NOERROR');
    expect((await dig(target, [...from(BOUND), '+tcp', 'www.ops.example', 'AAAA'])).status).toBe('NOERROR');

    const after = await metrics(stack);
    const delta = (k: string): number => count(after, k) - count(before, k);
    expect(delta(key('NOERROR', 'A', vpcId))).toBe(3);
    expect(delta(key('REFUSED', 'A', '-'))).toBe(1);
    expect(delta(key('NXDOMAIN', 'A', vpcId))).toBe(1);
    expect(delta(key('NOERROR', 'other', vpcId))).toBe(1);
    expect(delta(key('NOERROR', 'AAAA', vpcId))).toBe(1);
    const total = [...after].filter(([k]) => k.startsWith('plinkd_dns_queries_total{')).reduce((sum, [, v]) => sum + v, 0);
    // The histogram saw every query the counter did; its buckets are cumulative.
    expect(after.get('plinkd_dns_query_duration_seconds_count')).toBe(total);
    expect(after.get('plinkd_dns_query_duration_seconds_bucket{le="+Inf"}')).toBe(total);
    expect(after.get('plinkd_dns_query_duration_seconds_sum')).toBeGreaterThan(0);
    const buckets = [...after].filter(([k]) => k.startsWith('plinkd_dns_query_duration_seconds_bucket')).map(([, v]) => v);
    expect(buckets.length).toBeGreaterThan(5);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(after.get('plinkd_replica_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(after.get('plinkd_store_up{store="memory"}')).toBe(1);
  });

  it('serves valid Prometheus text: every sample under its TYPE, counters end in _total, histograms in _bucket/_sum/_count', async () => {
    const response = await fetch(`${stack.plinkd.apiUrl}/metrics`);
    const text = await response.text();
    const types = new Map<string, string>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const type = /^# TYPE ([a-z_:][a-z0-9_:]*) (counter|gauge|histogram)$/.exec(line);
      if (type !== null) {
        expect(types.has(type[1]!), line).toBe(false);
        types.set(type[1]!, type[2]!);
        continue;
      }
      if (line.startsWith('# HELP ')) continue;
      const sample =
        /^([a-z_:][a-z0-9_:]*)(\{[a-z_]+="(?:[^"\\\n]|\\.)*"(?:,[a-z_]+="(?:[^"\\\n]|\\.)*")*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
      expect(sample, line).not.toBeNull();
      const name = sample![1]!;
      const family = [...types.keys()].find(
        (t) => name === t || (types.get(t) === 'histogram' && /^_(bucket|sum|count)$/.test(name.slice(t.length))),
      );
      expect(family, `${line}: no TYPE before it`).toBeDefined();
    }
    for (const [name, type] of types) {
      if (type === 'counter') expect(name, name).toMatch(/_total$/);
      else expect(name, name).not.toMatch(/_total$/);
    }
    expect(types.get('plinkd_dns_queries_total')).toBe('counter');
    expect(types.get('plinkd_replica_resyncs_total')).toBe('counter');
    expect(types.get('plinkd_dns_query_duration_seconds')).toBe('histogram');
    expect(types.get('plinkd_replica_lag_seconds')).toBe('gauge');
  });

  it('writes one JSON line per query with --query-log', async () => {
    const seen = queryLog(stack).length;
    // Three times: the reply cache admits a question at its second miss, so the third is a replay.
    for (let i = 0; i < 3; i++) await dig(dnsTarget(stack), [...from(BOUND), 'WWW.Ops.Example', 'A']);
    await dig(dnsTarget(stack), [...from(UNBOUND), '+tcp', 'www.ops.example', 'TXT']);
    const lines = queryLog(stack).slice(seen);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      level: 'info',
      component: 'query',
      client: BOUND,
      protocol: 'udp',
      qname: 'WWW.Ops.Example',
      qtype: 'A',
      qclass: 'IN',
      rcode: 'NOERROR',
      view: vpcId,
    });
    expect(lines[2]).toMatchObject({ qname: 'WWW.Ops.Example', cached: true });
    expect(lines[3]).toMatchObject({ client: UNBOUND, protocol: 'tcp', qtype: 'TXT', rcode: 'REFUSED', view: '-' });
    for (const line of lines) {
      expect(typeof line['time']).toBe('string');
      expect(line['durationMicros']).toBeGreaterThanOrEqual(0);
      expect(line['size']).toBeGreaterThan(12);
    }
  });

  it('says why it refused (RFC 8914): Prohibited when the view does not see the private zone, Not Authoritative outside every zone', async () => {
    const hidden = await dig(dnsTarget(stack), [...from(UNBOUND), 'www.ops.example', 'A']);
    expect(hidden.status).toBe('REFUSED');
    expect(hidden.edns?.options).toEqual([
      { name: 'EDE', value: "18 (Prohibited): (the private zone holding this name is not served to this source's view)" },
    ]);
    const outside = await kdig(dnsTarget(stack), [...from(BOUND), 'www.nowhere.example', 'A', '+edns']);
    expect(outside.status).toBe('REFUSED');
    expect(outside.edns?.options).toEqual([{ name: 'EDE', value: '20: (no zone served here holds this name)' }]);
    // The bound VPC gets the data, with no EDE.
    const seen = await dig(dnsTarget(stack), [...from(BOUND), 'www.ops.example', 'A']);
    expect(seen.answer.map((a) => a.data)).toEqual(['10.121.0.1']);
    expect(seen.edns?.options).toEqual([]);
    // The query log names the refusal.
    const refused = queryLog(stack).filter((line) => line['qname'] === 'www.nowhere.example');
    expect(refused.at(-1)).toMatchObject({ rcode: 'REFUSED', qtype: 'A', qclass: 'IN', view: vpcId });
  });

  it('logs no queries without --query-log', async () => {
    const quiet = await startStack('memory');
    try {
      await dig(dnsTarget(quiet), ['cn-hangzhou.privatelink.aliyuncs.com', 'SOA']);
      expect(quiet.plinkd.output()).not.toMatch(/"msg":"query"/);
      expect((await metrics(quiet)).get('plinkd_dns_queries_total{qtype="SOA",rcode="NOERROR",view="-"}')).toBe(1);
    } finally {
      await quiet.stop();
    }
  });
});
