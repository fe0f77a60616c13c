import * as $Vpc from '@alicloud/vpc20160428';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS } from '../../helpers/cloud.js';
import { dig } from '../../helpers/dig.js';
import {
  callRpc,
  officialClient,
  officialVpcClient,
  sdkFailure,
  startSdkStack,
  type OfficialClient,
  type OfficialVpcClient,
  type SdkOptions,
  type SdkStack,
  type SdkTarget,
} from '../../helpers/official-sdk.js';
import type { PlinkdProcess } from '../../helpers/plinkd.js';
import { REGION, until } from '../../helpers/scenario.js';

type Json = Record<string, unknown>;

/**
 * Today's official TypeScript SDK, as a new user runs it: the typed VPC client
 * (@alicloud/vpc20160428) and `callApi` for Privatelink and PrivateZone (no TypeScript
 * package of theirs is published), over HTTPS with a certificate from a test CA, on the
 * SDK's default signature (V3, ACS3-HMAC-SHA256) and again with `signatureAlgorithm: 'v2'`.
 * The flow ends in DNS answers from the real dig.
 */
describe.each([
  { name: 'V3 (the SDK default)', options: {} as SdkOptions, second: 40 },
  { name: "signatureAlgorithm 'v2'", options: { signatureAlgorithm: 'v2' } as SdkOptions, second: 41 },
])('official SDK over HTTPS, $name', ({ options, second }) => {
  let stack: SdkStack;
  let plinkd: PlinkdProcess;
  let target: SdkTarget;
  let consumerVpc: OfficialVpcClient;
  let consumer: OfficialClient;
  let provider: OfficialClient;
  let vpcId: string;
  const vSwitches: Record<string, string> = {};
  const zones = ['cn-hangzhou-h', 'cn-hangzhou-i'];

  beforeAll(async () => {
    stack = await startSdkStack();
    plinkd = stack.plinkd;
    target = stack.target;
    consumerVpc = stack.vpc('consumer', options);
    consumer = stack.client('consumer', options);
    provider = stack.client('provider', options);
  });
  afterAll(async () => {
    await stack.stop();
  });

  const pl = (client: OfficialClient, action: string, query: Json, method: 'GET' | 'POST' = 'POST'): Promise<Json> =>
    callRpc(client, 'privatelink', action, { query: { RegionId: REGION, ...query }, method });

  it('creates the network with the typed VPC client and reads it back as typed models', async () => {
    const created = await consumerVpc.createVpc(
      new $Vpc.CreateVpcRequest({ regionId: REGION, cidrBlock: `10.${second}.0.0/16`, vpcName: 'sdk-vpc' }),
    );
    vpcId = created.body!.vpcId!;
    expect(vpcId).toMatch(/^vpc-/);
    expect(created.statusCode).toBe(200);
    for (const [index, zoneId] of zones.entries()) {
      const vsw = await consumerVpc.createVSwitch(
        new $Vpc.CreateVSwitchRequest({
          regionId: REGION,
          vpcId,
          zoneId,
          cidrBlock: `10.${second}.${index}.0/24`,
          vSwitchName: `sdk-${zoneId}`,
        }),
      );
      vSwitches[zoneId] = vsw.body!.vSwitchId!;
    }
    const vpcs = await consumerVpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: REGION, vpcId, pageSize: 10, dryRun: false }));
    expect(vpcs.body!.totalCount).toBe(1);
    expect(vpcs.body!.vpcs!.vpc![0]!.cidrBlock).toBe(`10.${second}.0.0/16`);
    const switches = await consumerVpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, vpcId }));
    expect(switches.body!.vSwitches!.vSwitch!.map((v) => v.zoneId).sort()).toEqual(zones);
  });

  it('runs provider → consumer → DNS through callApi: service, whitelist, endpoint, tags (form body), an A record per zone', async () => {
    const service = await pl(provider, 'CreateVpcEndpointService', {
      ServiceResourceType: 'nlb',
      AutoAcceptEnabled: true,
      ZoneAffinityEnabled: false,
      Resource: zones.map((zoneId, i) => ({ ResourceId: `nlb-sdk${second}${i}`, ResourceType: 'nlb', ZoneId: zoneId })),
    });
    const serviceId = service['ServiceId'] as string;
    await until(
      () => pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }, 'GET'),
      (s) => s['ServiceStatus'] === 'Active',
    );
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });

    const endpoint = await pl(consumer, 'CreateVpcEndpoint', {
      VpcId: vpcId,
      ServiceId: serviceId,
      EndpointName: 'sdk-endpoint',
      SecurityGroupId: ['sg-sdk1'],
      Zone: zones.map((zoneId) => ({ ZoneId: zoneId, VSwitchId: vSwitches[zoneId] })),
      DryRun: false,
    });
    const endpointId = endpoint['EndpointId'] as string;
    const domain = endpoint['EndpointDomain'] as string;
    expect(domain).toBe(`${endpointId}.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`);
    await until(
      () => pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }),
      (e) => e['EndpointStatus'] === 'Active' && e['ConnectionStatus'] === 'Connected',
    );
    const listed = await until(
      () => pl(consumer, 'ListVpcEndpointZones', { EndpointId: endpointId }),
      (z) => (z['Zones'] as Json[]).every((zone) => zone['ZoneStatus'] === 'Connected'),
    );
    const eniIps = (listed['Zones'] as Json[]).map((z) => z['EniIp'] as string).sort();
    expect(eniIps).toEqual([`10.${second}.0.1`, `10.${second}.1.1`]);

    // TagResources goes as a form body (the metadata's `in: formData`, style flat), as the generated client sends it.
    await callRpc(consumer, 'privatelink', 'TagResources', {
      body: { RegionId: REGION, ResourceType: 'vpcendpoint', ResourceId: [endpointId], Tag: [{ Key: 'team', Value: 'sdk' }] },
    });
    const tags = await pl(consumer, 'ListTagResources', { ResourceType: 'vpcendpoint', ResourceId: [endpointId] });
    expect(tags['TagResources']).toEqual([{ ResourceId: endpointId, ResourceType: 'vpcendpoint', TagKey: 'team', TagValue: 'sdk' }]);

    const answer = await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, [domain, 'A']);
    expect(answer.status).toBe('NOERROR');
    expect(answer.answer.map((r) => r.data).sort()).toEqual(eniIps);
  });

  it('runs the PrivateZone flow through callApi: zone, VPC binding (list), record, answered inside the VPC only', async () => {
    const source = `127.0.0.${second}`;
    const operator = officialClient(target, 'operator', options);
    await callRpc(operator, 'operator', 'CreateResolverBinding', { query: { VpcId: vpcId, SourceCidr: source } });
    const pvtz = officialClient(target, 'consumer', options);
    const zone = await callRpc(pvtz, 'pvtz', 'AddZone', { query: { ZoneName: `corp${second}.example` } });
    const zoneId = zone['ZoneId'] as string;
    await callRpc(pvtz, 'pvtz', 'BindZoneVpc', { query: { ZoneId: zoneId, Vpcs: [{ RegionId: REGION, VpcId: vpcId }] } });
    await callRpc(pvtz, 'pvtz', 'AddZoneRecord', { query: { ZoneId: zoneId, Rr: 'www', Type: 'A', Value: `10.${second}.9.9`, Ttl: 60 } });
    const info = await callRpc(pvtz, 'pvtz', 'DescribeZoneInfo', { query: { ZoneId: zoneId } });
    expect(info).toMatchObject({ ZoneName: `corp${second}.example`, RecordCount: 1, BindVpcs: { Vpc: [{ VpcId: vpcId }] } });

    const dns = { host: plinkd.dnsHost, port: plinkd.dnsPort };
    const inside = await until(
      () => dig(dns, ['-b', source, `www.corp${second}.example`, 'A']),
      (r) => r.answer.length === 1,
    );
    expect(inside.answer[0]!.data).toBe(`10.${second}.9.9`);
    expect((await dig(dns, ['-b', '127.0.0.1', `www.corp${second}.example`, 'A'])).status).toBe('REFUSED');
  });

  it('answers typed errors that carry the cloud codes and bodies', async () => {
    const notFound = await sdkFailure(
      consumerVpc.deleteVpc(new $Vpc.DeleteVpcRequest({ regionId: REGION, vpcId: 'vpc-doesnotexist00000000' })),
    );
    expect(notFound).toMatchObject({
      code: 'InvalidVpcId.NotFound',
      statusCode: 404,
      data: { Code: 'InvalidVpcId.NotFound', HostId: 'vpc.aliyuncs.com' },
    });
    expect(notFound.data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(notFound.message).toContain('Specified VPC does not exist.');

    expect(await sdkFailure(pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: 'ep-doesnotexist' }))).toMatchObject({
      code: 'EndpointNotFound',
      statusCode: 400,
    });
    expect((await sdkFailure(pl(consumer, 'CreateVpcEndpoint', { ServiceId: 'epsrv-x', SecurityGroupId: ['sg-1'] }))).code).toBe(
      'MissingParam.VpcId',
    );
    const dryRun = await sdkFailure(
      consumerVpc.createVpc(new $Vpc.CreateVpcRequest({ regionId: REGION, cidrBlock: '10.99.0.0/16', dryRun: true })),
    );
    expect(dryRun.code).toBe('DryRunOperation');

    const stranger = officialVpcClient(target, 'consumer', { ...options, keys: { accessKeyId: 'LTAInobody000000', secret: 'whatever' } });
    expect(await sdkFailure(stranger.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: REGION })))).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      statusCode: 404,
    });

    // A wrong secret: the message ends with what the server signed, as the cloud's does —
    // V3's canonical request, v1's StringToSign (docs/design/signatures.md).
    const wrong = officialVpcClient(target, 'consumer', {
      ...options,
      keys: { accessKeyId: ACCOUNTS.consumer.accessKeyId, secret: 'not-the-secret' },
    });
    const mismatch = await sdkFailure(wrong.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: REGION })));
    expect(mismatch.code).toBe('SignatureDoesNotMatch');
    const [, echoed] = mismatch.data.Message.split('server string to sign is:');
    if (options.signatureAlgorithm === 'v2') {
      expect(echoed).toMatch(/^POST&%2F&AccessKeyId%3DLTAIconsumer2222%26Action%3DDescribeVpcs%26/);
    } else {
      expect(echoed).toMatch(/^POST\n\/\n/);
      expect(echoed).toContain('\nx-acs-action:DescribeVpcs\n');
      expect(echoed).not.toContain('not-the-secret');
    }
  });
});
