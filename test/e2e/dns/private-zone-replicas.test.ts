import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, type PvtzActor } from '../../api/pvtz/pvtz-helpers.js';
import { ACCESS_KEYS, cloudClient } from '../../helpers/cloud.js';
import { dig, type DigResult } from '../../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { until } from '../../helpers/scenario.js';
import { from } from './dns-e2e.js';

const RESOLVER = '127.0.0.95';
/**
 * How long a change may take to reach a DNS replica here: far above the propagation the
 * benchmark measures (bench:propagation, p99 in milliseconds), so that a loaded test
 * machine does not fail it, and far below a resolver's negative TTL.
 */
const PROPAGATION_MS = 3000;

/**
 * docs/design/scale-out.md with PrivateZone: one api process and two DNS-only processes on
 * one Redis. A record disabled, a zone switched to RECORD, a cross-account binding — each
 * reaches both DNS replicas, which hold no authorizations themselves (src/replica/role-kinds.ts).
 */
describe('PrivateZone changes on every DNS replica', () => {
  let redis: RedisServer;
  let api: PlinkdProcess;
  const dnses: PlinkdProcess[] = [];
  let owner: PvtzActor;
  let partner: PvtzActor;
  let zoneId: string;
  let recordId: number;

  const askAll = (name: string): Promise<DigResult[]> =>
    Promise.all(dnses.map((dns) => dig({ host: dns.dnsHost, port: dns.dnsPort }, [...from(RESOLVER), name, 'A'])));
  const everywhere = (name: string, check: (r: DigResult) => boolean): Promise<DigResult[]> =>
    until(
      () => askAll(name),
      (results) => results.every(check),
      PROPAGATION_MS,
    );

  beforeAll(async () => {
    redis = await startRedis();
    api = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api' });
    for (let i = 0; i < 2; i++) dnses.push(await startPlinkd({ store: redis.url, role: 'dns' }));
    const clients = {
      client: (account: Parameters<typeof cloudClient>[1], product: Parameters<typeof cloudClient>[2]) =>
        cloudClient(api.apiUrl, account, product),
    };
    owner = actorOf(clients, 'consumer');
    partner = actorOf(clients, 'provider');
    // The resolver sits in the partner's VPC; the owner's zone reaches it through an authorization.
    const vpcId = (await partner.vpc('CreateVpc', { CidrBlock: '10.95.0.0/16' }))['VpcId'] as string;
    await actorOf(clients, 'operator').operator('CreateResolverBinding', { VpcId: vpcId, SourceCidr: RESOLVER });
    const { AuthCode } = (await partner.operator('CreateVpcAuthorizationCode', { ZoneOwnerId: owner.uid })) as { AuthCode: string };
    await owner.pvtz('AddUserVpcAuthorization', { AuthorizedUserId: partner.uid, AuthCode });
    zoneId = (await owner.pvtz('AddZone', { ZoneName: 'replicas.example' }))['ZoneId'] as string;
    recordId = (await owner.pvtz('AddZoneRecord', { ZoneId: zoneId, Rr: 'www', Type: 'A', Value: '10.95.0.1' }))['RecordId'] as number;
    await owner.pvtz('BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': vpcId });
  });
  afterAll(async () => {
    for (const p of [api, ...dnses]) await p?.stop();
    await redis?.destroy();
  });

  it('answers a cross-account binding on both replicas', async () => {
    const answered = await everywhere('www.replicas.example', (r) => r.answer.length === 1);
    for (const result of answered) expect(result.answer[0]?.data).toBe('10.95.0.1');
  });

  it('stops answering a disabled record on both replicas, and answers it again once enabled', async () => {
    await owner.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'DISABLE' });
    const gone = await everywhere('www.replicas.example', (r) => r.status === 'NXDOMAIN');
    for (const result of gone) expect(result.authority[0]?.type).toBe('SOA');
    await owner.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'ENABLE' });
    await everywhere('www.replicas.example', (r) => r.answer[0]?.data === '10.95.0.1');
  });

  it('hands absent names on from both replicas once the zone is switched to RECORD', async () => {
    await everywhere('nope.replicas.example', (r) => r.status === 'NXDOMAIN');
    await owner.pvtz('SetProxyPattern', { ZoneId: zoneId, ProxyPattern: 'RECORD' });
    const refused = await everywhere('nope.replicas.example', (r) => r.status === 'REFUSED');
    for (const result of refused) expect(result.flags).not.toContain('aa');
    await everywhere('www.replicas.example', (r) => r.answer[0]?.data === '10.95.0.1');
  });
});
