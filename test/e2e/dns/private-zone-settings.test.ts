import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, startStack, type Stack } from '../../api/conveniences/stack.js';
import { actorOf, type PvtzActor } from '../../api/pvtz/pvtz-helpers.js';
import { dig, type DigResult } from '../../helpers/dig.js';
import { bindResolver, dnsTarget, from } from './dns-e2e.js';

type Json = Record<string, unknown>;

const OWN_VPC = '127.0.0.91';
const PARTNER_VPC = '127.0.0.92';

/**
 * docs/design/dns-views.md: SetZoneRecordStatus, ProxyPattern and cross-account binding as
 * the real server answers them to dig, from the loopback address a resolver binding maps to
 * each VPC.
 */
describe.each(STORES)('PrivateZone settings through the API and dig (%s store)', (store) => {
  let stack: Stack;
  let owner: PvtzActor;
  let partner: PvtzActor;
  let ownVpc: string;
  let partnerVpc: string;

  const ask = (source: string, name: string, type = 'A'): Promise<DigResult> => dig(dnsTarget(stack), [...from(source), name, type]);
  const data = (result: DigResult): string[] => result.answer.map((r) => `${r.type} ${r.data}`).sort();
  const zoneWith = async (
    name: string,
    records: Array<[string, string, string]>,
    extra: Json = {},
  ): Promise<{ zoneId: string; ids: number[] }> => {
    const zoneId = (await owner.pvtz('AddZone', { ZoneName: name, ...extra }))['ZoneId'] as string;
    const ids: number[] = [];
    for (const [rr, type, value] of records) {
      ids.push((await owner.pvtz('AddZoneRecord', { ZoneId: zoneId, Rr: rr, Type: type, Value: value }))['RecordId'] as number);
    }
    await owner.pvtz('BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': ownVpc });
    return { zoneId, ids };
  };

  beforeAll(async () => {
    stack = await startStack(store);
    owner = actorOf(stack, 'consumer');
    partner = actorOf(stack, 'provider');
    ownVpc = (await owner.vpc('CreateVpc', { CidrBlock: '10.91.0.0/16' }))['VpcId'] as string;
    partnerVpc = (await partner.vpc('CreateVpc', { CidrBlock: '10.92.0.0/16' }))['VpcId'] as string;
    await bindResolver(stack, ownVpc, OWN_VPC);
    await bindResolver(stack, partnerVpc, PARTNER_VPC);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('stops answering a disabled record at once and answers it again once enabled', async () => {
    const { ids } = await zoneWith('status.example', [
      ['www', 'A', '10.91.0.1'],
      ['www', 'A', '10.91.0.2'],
      ['solo', 'A', '10.91.0.3'],
    ]);
    const [www1, , solo] = ids as [number, number, number];
    expect(data(await ask(OWN_VPC, 'solo.status.example'))).toEqual(['A 10.91.0.3']);

    await owner.pvtz('SetZoneRecordStatus', { RecordId: solo, Status: 'DISABLE' });
    const gone = await ask(OWN_VPC, 'solo.status.example');
    expect(gone.status).toBe('NXDOMAIN');
    expect(gone.flags).toContain('aa');
    expect(gone.authority[0]).toMatchObject({ name: 'status.example.', type: 'SOA', ttl: 30 });
    await owner.pvtz('SetZoneRecordStatus', { RecordId: www1, Status: 'DISABLE' });
    expect(data(await ask(OWN_VPC, 'www.status.example'))).toEqual(['A 10.91.0.2']);

    await owner.pvtz('SetZoneRecordStatus', { RecordId: solo, Status: 'ENABLE' });
    await owner.pvtz('SetZoneRecordStatus', { RecordId: www1, Status: 'ENABLE' });
    expect(data(await ask(OWN_VPC, 'solo.status.example'))).toEqual(['A 10.91.0.3']);
    expect(data(await ask(OWN_VPC, 'www.status.example'))).toEqual(['A 10.91.0.1', 'A 10.91.0.2']);
  });

  it('hands names a RECORD zone lacks on with REFUSED, and answers NXDOMAIN with the SOA in ZONE mode', async () => {
    const { zoneId } = await zoneWith(
      'proxy.example',
      [
        ['www', 'A', '10.91.1.1'],
        ['alias', 'CNAME', 'missing.proxy.example'],
      ],
      { ProxyPattern: 'RECORD' },
    );
    const www = await ask(OWN_VPC, 'www.proxy.example');
    expect(www.status).toBe('NOERROR');
    expect(www.flags).toContain('aa');
    expect(data(www)).toEqual(['A 10.91.1.1']);
    // The name exists, the type does not: the zone still says so itself.
    const nodata = await ask(OWN_VPC, 'www.proxy.example', 'TXT');
    expect(nodata.status).toBe('NOERROR');
    expect(nodata.authority[0]?.type).toBe('SOA');

    const absent = await ask(OWN_VPC, 'nope.proxy.example');
    expect(absent.status).toBe('REFUSED');
    expect(absent.flags).not.toContain('aa');
    expect(absent.answer).toEqual([]);
    expect(absent.authority).toEqual([]);
    // A chain into a name the zone lacks: the CNAME alone, for the resolver to follow elsewhere.
    const chain = await ask(OWN_VPC, 'alias.proxy.example');
    expect(chain.status).toBe('NOERROR');
    expect(data(chain)).toEqual(['CNAME missing.proxy.example.']);

    await owner.pvtz('SetProxyPattern', { ZoneId: zoneId, ProxyPattern: 'ZONE' });
    const nx = await ask(OWN_VPC, 'nope.proxy.example');
    expect(nx.status).toBe('NXDOMAIN');
    expect(nx.flags).toContain('aa');
    expect(nx.authority[0]).toMatchObject({ name: 'proxy.example.', type: 'SOA', ttl: 30 });
    expect((await ask(OWN_VPC, 'alias.proxy.example')).status).toBe('NXDOMAIN');

    await owner.pvtz('SetProxyPattern', { ZoneId: zoneId, ProxyPattern: 'RECORD' });
    expect((await ask(OWN_VPC, 'nope.proxy.example')).status).toBe('REFUSED');
    // Other VPCs never see the zone, whatever its mode.
    expect((await ask(PARTNER_VPC, 'www.proxy.example')).status).toBe('REFUSED');
  });

  it('answers a zone in another account’s VPC once that account authorised the binding, and stops when it is deleted', async () => {
    const zoneId = (await owner.pvtz('AddZone', { ZoneName: 'partner.example' }))['ZoneId'] as string;
    await owner.pvtz('AddZoneRecord', { ZoneId: zoneId, Rr: 'api', Type: 'A', Value: '10.92.0.10' });
    expect((await ask(PARTNER_VPC, 'api.partner.example')).status).toBe('REFUSED');

    const { AuthCode } = (await partner.operator('CreateVpcAuthorizationCode', { ZoneOwnerId: owner.uid })) as { AuthCode: string };
    await owner.pvtz('AddUserVpcAuthorization', { AuthorizedUserId: partner.uid, AuthCode });
    await owner.pvtz('BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': partnerVpc, 'Vpcs.2.VpcId': ownVpc });
    for (const source of [PARTNER_VPC, OWN_VPC]) expect(data(await ask(source, 'api.partner.example')), source).toEqual(['A 10.92.0.10']);

    await owner.pvtz('DeleteUserVpcAuthorization', { AuthorizedUserId: partner.uid });
    expect((await ask(PARTNER_VPC, 'api.partner.example')).status).toBe('REFUSED');
    expect(data(await ask(OWN_VPC, 'api.partner.example'))).toEqual(['A 10.92.0.10']);
  });
});
