import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RRType, type LookupResult } from '../../../src/dns/lookup/types.js';
import { OssProjection, ossAddresses } from '../../../src/dns/projection/oss-projection.js';
import { PrivateZoneProjection } from '../../../src/dns/projection/private-zone-projection.js';
import { PrivateZoneArbiter, ZoneRegistry } from '../../../src/dns/registry/index.js';
import type { GatewayEndpoint, PrivateZone, PrivateZoneRecord } from '../../../src/model/types.js';
import { Replica } from '../../../src/replica/replica.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import type { Transaction } from '../../../src/store/types.js';

const APEX = { nameServer: 'ns1.cn-hangzhou.privatelink.aliyuncs.com', hostmaster: 'hostmaster.cn-hangzhou.privatelink.aliyuncs.com' };
const T0 = '2026-01-01T00:00:00Z';

function zoneDoc(zoneId: string, zoneName: string, vpcIds: string[], updatedAt = T0): PrivateZone {
  return {
    zoneId,
    uid: '1',
    zoneName,
    remark: '',
    proxyPattern: 'ZONE',
    vpcs: vpcIds.map((vpcId) => ({ vpcId, regionId: 'cn-hangzhou' })),
    createdAt: T0,
    updatedAt,
  };
}

let seq = 0;
function recordDoc(
  zoneId: string,
  rr: string,
  type: PrivateZoneRecord['type'],
  value: string,
  extra: Partial<PrivateZoneRecord> = {},
): PrivateZoneRecord {
  seq++;
  return {
    recordId: String(1000 + seq),
    zoneId,
    uid: '1',
    rr,
    type,
    value,
    ttl: 60,
    priority: null,
    status: 'ENABLE',
    remark: '',
    createdAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}Z`,
    updatedAt: T0,
    ...extra,
  };
}

/** Records of an answer as `name type data` text. */
function texts(result: LookupResult): string[] {
  return result.answer.map((rr) => {
    const d = rr.data;
    const data =
      d.kind === 'A' || d.kind === 'AAAA'
        ? d.address
        : d.kind === 'CNAME' || d.kind === 'PTR' || d.kind === 'NS'
          ? d.target
          : d.kind === 'TXT'
            ? d.texts.join('|')
            : d.kind === 'MX'
              ? `${d.preference} ${d.exchange}`
              : d.kind === 'SRV'
                ? `${d.priority} ${d.weight} ${d.port} ${d.target}`
                : d.kind;
    return `${rr.name} ${rr.ttl} ${data}`;
  });
}

describe('PrivateZoneProjection and OssProjection over a real replica', () => {
  let store: MemoryStore;
  let replica: Replica;
  let registry: ZoneRegistry;
  const errors: unknown[] = [];

  beforeEach(async () => {
    store = new MemoryStore();
    replica = new Replica(store);
    await replica.start();
    registry = new ZoneRegistry();
    const arbiter = new PrivateZoneArbiter(registry);
    new PrivateZoneProjection(replica, arbiter, APEX, (err) => errors.push(err)).attach();
    new OssProjection(replica, arbiter, ['cn-hangzhou'], APEX, 7).attach();
    errors.length = 0;
  });
  afterEach(async () => {
    replica.stop();
    await store.close();
  });

  async function write(work: (tx: Transaction) => void): Promise<void> {
    const { position } = await store.transact(async (tx) => work(tx));
    if (position !== null) await replica.waitFor(position);
  }
  const ask = (name: string, type: number, vpcId?: string): LookupResult =>
    registry.lookup({ name, type, view: { vpcId, zoneId: undefined } });

  it('serves the records of each type in the bound VPC only, with the synthesized SOA and NS', async () => {
    const records = [
      recordDoc('pz-1', 'www', 'A', '10.0.0.1'),
      recordDoc('pz-1', 'www', 'A', '10.0.0.2', { ttl: 30 }),
      recordDoc('pz-1', 'v6', 'AAAA', '2001:db8::1'),
      recordDoc('pz-1', 'alias', 'CNAME', 'www.corp.example'),
      recordDoc('pz-1', '@', 'MX', 'mail.corp.example', { priority: 5 }),
      recordDoc('pz-1', '_sip._tcp', 'SRV', '1 2 5060 sip.corp.example'),
      recordDoc('pz-1', '*.dev', 'TXT', 'wild'),
      recordDoc('pz-1', 'off', 'A', '10.0.0.9', { status: 'DISABLE' }),
      recordDoc('pz-1', 'long', 'TXT', `${'x'.repeat(254)}é${'y'.repeat(10)}`),
    ];
    await write((tx) => {
      tx.put('privateZone', 'pz-1', zoneDoc('pz-1', 'corp.example', ['vpc-a']));
      for (const r of records) tx.put('privateZoneRecord', r.recordId, r);
    });
    // RFC 2181 §5.2: an RRset takes its records' lowest TTL.
    expect(texts(ask('www.corp.example', RRType.A, 'vpc-a'))).toEqual(['www.corp.example 30 10.0.0.1', 'www.corp.example 30 10.0.0.2']);
    expect(texts(ask('alias.corp.example', RRType.A, 'vpc-a'))).toEqual([
      'alias.corp.example 60 www.corp.example',
      'www.corp.example 30 10.0.0.1',
      'www.corp.example 30 10.0.0.2',
    ]);
    expect(texts(ask('corp.example', RRType.MX, 'vpc-a'))).toEqual(['corp.example 60 5 mail.corp.example']);
    expect(texts(ask('_sip._tcp.corp.example', RRType.SRV, 'vpc-a'))).toEqual(['_sip._tcp.corp.example 60 1 2 5060 sip.corp.example']);
    expect(texts(ask('a.b.dev.corp.example', RRType.TXT, 'vpc-a'))).toEqual(['a.b.dev.corp.example 60 wild']);
    expect(ask('off.corp.example', RRType.A, 'vpc-a').status).toBe('nameError');
    // RFC 1035 §3.3.14: character-strings of ≤ 255 octets, never cutting a UTF-8 sequence.
    expect(ask('long.corp.example', RRType.TXT, 'vpc-a').answer[0]?.data).toEqual({
      kind: 'TXT',
      texts: ['x'.repeat(254), `é${'y'.repeat(10)}`],
    });
    expect(texts(ask('corp.example', RRType.NS, 'vpc-a'))).toEqual([`corp.example 3600 ${APEX.nameServer}`]);
    const soa = ask('corp.example', RRType.SOA, 'vpc-a').answer[0]?.data;
    expect(soa).toMatchObject({ kind: 'SOA', mname: APEX.nameServer, rname: APEX.hostmaster, serial: Date.parse(T0) / 1000, minimum: 30 });
    expect(ask('www.corp.example', RRType.A, 'vpc-b').status).toBe('notAuthoritative');
    expect(ask('www.corp.example', RRType.A).status).toBe('notAuthoritative');
    expect(errors).toEqual([]);
  });

  it('follows each record change, a rebinding, a new serial and the zone’s deletion', async () => {
    const www = recordDoc('pz-2', 'www', 'A', '10.0.0.1');
    await write((tx) => {
      tx.put('privateZone', 'pz-2', zoneDoc('pz-2', 'corp.example', ['vpc-a']));
      tx.put('privateZoneRecord', www.recordId, www);
    });
    // A → CNAME at the same name: the A goes before the CNAME comes (RFC 2181 §10.1).
    await write((tx) => tx.put('privateZoneRecord', www.recordId, { ...www, type: 'CNAME', value: 'elsewhere.example' }));
    expect(texts(ask('www.corp.example', RRType.A, 'vpc-a'))).toEqual(['www.corp.example 60 elsewhere.example']);
    // Renamed: the old name is gone.
    await write((tx) => tx.put('privateZoneRecord', www.recordId, { ...www, rr: 'web' }));
    expect(ask('www.corp.example', RRType.A, 'vpc-a').status).toBe('nameError');
    expect(texts(ask('web.corp.example', RRType.A, 'vpc-a'))).toEqual(['web.corp.example 60 10.0.0.1']);
    await write((tx) => tx.put('privateZone', 'pz-2', zoneDoc('pz-2', 'corp.example', ['vpc-b'], '2026-01-02T00:00:00Z')));
    expect(ask('web.corp.example', RRType.A, 'vpc-a').status).toBe('notAuthoritative');
    expect(ask('corp.example', RRType.SOA, 'vpc-b').answer[0]?.data).toMatchObject({ serial: Date.parse('2026-01-02T00:00:00Z') / 1000 });
    await write((tx) => tx.delete('privateZoneRecord', www.recordId));
    expect(ask('web.corp.example', RRType.A, 'vpc-b').status).toBe('nameError');
    await write((tx) => tx.delete('privateZone', 'pz-2'));
    expect(ask('corp.example', RRType.SOA, 'vpc-b').status).toBe('notAuthoritative');
    expect(errors).toEqual([]);
  });

  it('stops answering a disabled record and answers it again once enabled', async () => {
    const one = recordDoc('pz-5', 'www', 'A', '10.0.0.1');
    const two = recordDoc('pz-5', 'www', 'A', '10.0.0.2');
    await write((tx) => {
      tx.put('privateZone', 'pz-5', zoneDoc('pz-5', 'corp.example', ['vpc-a']));
      for (const r of [one, two]) tx.put('privateZoneRecord', r.recordId, r);
    });
    await write((tx) => tx.put('privateZoneRecord', one.recordId, { ...one, status: 'DISABLE' }));
    expect(texts(ask('www.corp.example', RRType.A, 'vpc-a'))).toEqual(['www.corp.example 60 10.0.0.2']);
    await write((tx) => tx.put('privateZoneRecord', two.recordId, { ...two, status: 'DISABLE' }));
    expect(ask('www.corp.example', RRType.A, 'vpc-a').status).toBe('nameError');
    await write((tx) => tx.put('privateZoneRecord', one.recordId, { ...one, status: 'ENABLE' }));
    expect(texts(ask('www.corp.example', RRType.A, 'vpc-a'))).toEqual(['www.corp.example 60 10.0.0.1']);
    expect(errors).toEqual([]);
  });

  it('hands names a RECORD zone lacks on (not authoritative), serving no wildcard there, and back with ZONE', async () => {
    const records = [
      recordDoc('pz-6', 'www', 'A', '10.0.0.1'),
      recordDoc('pz-6', 'out', 'CNAME', 'gone.corp.example'),
      recordDoc('pz-6', '*.dev', 'A', '10.0.0.7'),
    ];
    const zone = zoneDoc('pz-6', 'corp.example', ['vpc-a']);
    await write((tx) => {
      tx.put('privateZone', 'pz-6', { ...zone, proxyPattern: 'RECORD' });
      for (const r of records) tx.put('privateZoneRecord', r.recordId, r);
    });
    expect(texts(ask('www.corp.example', RRType.A, 'vpc-a'))).toEqual(['www.corp.example 60 10.0.0.1']);
    expect(ask('www.corp.example', RRType.TXT, 'vpc-a').status).toBe('noData');
    expect(ask('nope.corp.example', RRType.A, 'vpc-a')).toEqual({
      status: 'notAuthoritative',
      answer: [],
      authority: [],
      additional: [],
      refusal: 'handedOn',
    });
    expect(ask('a.dev.corp.example', RRType.A, 'vpc-a').status).toBe('notAuthoritative');
    // A chain into a name the zone lacks: the CNAME alone, for the resolver to follow.
    const chain = ask('out.corp.example', RRType.A, 'vpc-a');
    expect(chain.status).toBe('success');
    expect(texts(chain)).toEqual(['out.corp.example 60 gone.corp.example']);
    expect(chain.authority).toEqual([]);

    await write((tx) => tx.put('privateZone', 'pz-6', { ...zone, proxyPattern: 'ZONE', updatedAt: '2026-01-03T00:00:00Z' }));
    expect(ask('nope.corp.example', RRType.A, 'vpc-a').status).toBe('nameError');
    expect(texts(ask('a.dev.corp.example', RRType.A, 'vpc-a'))).toEqual(['a.dev.corp.example 60 10.0.0.7']);
    expect(ask('out.corp.example', RRType.A, 'vpc-a').status).toBe('nameError');
    await write((tx) => tx.put('privateZone', 'pz-6', { ...zone, proxyPattern: 'RECORD', updatedAt: '2026-01-04T00:00:00Z' }));
    expect(ask('a.dev.corp.example', RRType.A, 'vpc-a').status).toBe('notAuthoritative');
    expect(errors).toEqual([]);
  });

  it('serves data two racing writers left against RFC 2181 §10.1 deterministically', async () => {
    const a = recordDoc('pz-3', 'x', 'A', '10.0.0.1');
    const cname = recordDoc('pz-3', 'x', 'CNAME', 'y.corp.example');
    const older = recordDoc('pz-3', 'y', 'CNAME', 'first.example');
    const newer = recordDoc('pz-3', 'y', 'CNAME', 'second.example');
    const apex = recordDoc('pz-3', '@', 'CNAME', 'nope.example');
    await write((tx) => {
      tx.put('privateZone', 'pz-3', zoneDoc('pz-3', 'corp.example', ['vpc-a']));
      for (const r of [a, cname, older, newer, apex]) tx.put('privateZoneRecord', r.recordId, r);
    });
    expect(texts(ask('x.corp.example', RRType.A, 'vpc-a'))).toEqual(['x.corp.example 60 10.0.0.1']);
    expect(texts(ask('y.corp.example', RRType.CNAME, 'vpc-a'))).toEqual(['y.corp.example 60 first.example']);
    expect(ask('corp.example', RRType.CNAME, 'vpc-a').status).toBe('noData');
    expect(errors).toEqual([]);
  });

  it('answers OSS names in VPCs with a gateway endpoint, and a tenant zone of the same name shadows them', async () => {
    const [first, second] = ossAddresses('cn-hangzhou');
    const endpoint: GatewayEndpoint = {
      endpointId: 'vpce-1',
      uid: '1',
      regionId: 'cn-hangzhou',
      vpcId: 'vpc-a',
      serviceName: 'com.aliyun.cn-hangzhou.oss',
      endpointName: '',
      endpointDescription: '',
      policyDocument: '{}',
      routeTables: [],
      status: 'Created',
      createdAt: T0,
      resourceGroupId: '',
    };
    await write((tx) => tx.put('gatewayEndpoint', 'vpce-1', endpoint));
    for (const name of [
      'oss-cn-hangzhou.aliyuncs.com',
      'bucket.oss-cn-hangzhou.aliyuncs.com',
      'oss-cn-hangzhou-internal.aliyuncs.com',
      'bucket.oss-cn-hangzhou-internal.aliyuncs.com',
    ]) {
      expect(texts(ask(name, RRType.A, 'vpc-a'))).toEqual([`${name} 60 ${first}`, `${name} 60 ${second}`]);
      expect(ask(name, RRType.AAAA, 'vpc-a').status).toBe('noData');
      expect(ask(name, RRType.A, 'vpc-b').status).toBe('notAuthoritative');
    }
    const own = recordDoc('pz-4', 'bucket', 'A', '10.9.9.9');
    await write((tx) => {
      tx.put('privateZone', 'pz-4', zoneDoc('pz-4', 'oss-cn-hangzhou.aliyuncs.com', ['vpc-a']));
      tx.put('privateZoneRecord', own.recordId, own);
    });
    expect(texts(ask('bucket.oss-cn-hangzhou.aliyuncs.com', RRType.A, 'vpc-a'))).toEqual([
      'bucket.oss-cn-hangzhou.aliyuncs.com 60 10.9.9.9',
    ]);
    expect(texts(ask('bucket.oss-cn-hangzhou-internal.aliyuncs.com', RRType.A, 'vpc-a'))).toHaveLength(2);
    await write((tx) => tx.put('gatewayEndpoint', 'vpce-1', { ...endpoint, status: 'Deleting' }));
    expect(ask('bucket.oss-cn-hangzhou-internal.aliyuncs.com', RRType.A, 'vpc-a').status).toBe('notAuthoritative');
    expect(texts(ask('bucket.oss-cn-hangzhou.aliyuncs.com', RRType.A, 'vpc-a'))).toEqual([
      'bucket.oss-cn-hangzhou.aliyuncs.com 60 10.9.9.9',
    ]);
  });

  it('derives distinct OSS addresses inside 100.64.0.0/10 per region', () => {
    const seen = new Set<string>();
    for (const region of ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'ap-southeast-1', 'us-west-1']) {
      for (const address of ossAddresses(region)) {
        const [a, b] = address.split('.').map(Number) as [number, number];
        expect(a).toBe(100);
        expect(b >= 64 && b <= 127).toBe(true);
        seen.add(address);
      }
    }
    expect(seen.size).toBe(10);
  });
});
