import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, ACCOUNTS } from '../helpers/cloud.js';
import { CLI_TEST_TIMEOUT_MS, accountEnv, plinkdJson, runPlinkd } from '../helpers/cli.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

/**
 * The README's tour through the CLI alone, two accounts, a real plinkd: the provider
 * publishes a service, the consumer builds a VPC and an endpoint, waiters wait for the
 * reconciler, and dig resolves the name the CLI printed to the addresses it listed.
 */
describe('plinkd CLI tour', () => {
  let plinkd: PlinkdProcess;
  let provider: Record<string, string>;
  let consumer: Record<string, string>;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, transitionDelayMs: 300 });
    provider = accountEnv(plinkd.apiUrl, 'provider');
    consumer = accountEnv(plinkd.apiUrl, 'consumer');
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it(
    'VPC → vSwitches → service → endpoint → DNS answer',
    async () => {
      // --cli-query prints what the path selects, still JSON (a string in quotes), as the aliyun CLI does.
      const created = await runPlinkd(
        ['vpc', 'CreateVpc', '--CidrBlock', '10.7.0.0/16', '--VpcName', 'tour', '--cli-query', 'VpcId'],
        consumer,
      );
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^"vpc-[a-z0-9]+"\n$/);
      const VpcId = JSON.parse(created.stdout) as string;
      const vSwitches: string[] = [];
      for (const [i, zone] of ['cn-hangzhou-h', 'cn-hangzhou-i'].entries()) {
        const created = await plinkdJson(
          ['vpc', 'CreateVSwitch', '--VpcId', VpcId, '--ZoneId', zone, '--CidrBlock', `10.7.${i}.0/24`],
          consumer,
        );
        vSwitches.push(created['VSwitchId'] as string);
      }
      const { ServiceId } = (await plinkdJson(
        [
          'privatelink',
          'CreateVpcEndpointService',
          '--ServiceResourceType',
          'nlb',
          '--AutoAcceptEnabled', // a boolean flag alone is true
          '--Resource.1.ResourceId',
          'nlb-tour0',
          '--Resource.1.ResourceType',
          'nlb',
          '--Resource.1.ZoneId',
          'cn-hangzhou-h',
          '--Resource.2.ResourceId=nlb-tour1',
          '--Resource.2.ResourceType=nlb',
          '--Resource.2.ZoneId=cn-hangzhou-i',
        ],
        provider,
      )) as { ServiceId: string };
      const service = await plinkdJson(
        ['privatelink', 'GetVpcEndpointServiceAttribute', '--ServiceId', ServiceId, '--waiter', 'expr=ServiceStatus', 'to=Active'],
        provider,
      );
      expect(service['ServiceStatus']).toBe('Active');
      expect(service['AutoAcceptEnabled']).toBe(true);
      await plinkdJson(
        ['privatelink', 'AddUserToVpcEndpointService', '--ServiceId', ServiceId, '--UserId', ACCOUNTS.consumer.uid],
        provider,
      );

      const endpoint = await plinkdJson(
        [
          'privatelink',
          'CreateVpcEndpoint',
          '--VpcId',
          VpcId,
          '--ServiceId',
          ServiceId,
          '--SecurityGroupId.1',
          'sg-tour',
          '--Zone.1.ZoneId',
          'cn-hangzhou-h',
          '--Zone.1.VSwitchId',
          vSwitches[0]!,
          '--Zone.2.ZoneId',
          'cn-hangzhou-i',
          '--Zone.2.VSwitchId',
          vSwitches[1]!,
        ],
        consumer,
      );
      const EndpointId = endpoint['EndpointId'] as string;
      expect(endpoint['EndpointStatus']).toBe('Creating');
      const connected = await plinkdJson(
        [
          'privatelink',
          'GetVpcEndpointAttribute',
          '--EndpointId',
          EndpointId,
          '--waiter',
          'expr=ConnectionStatus',
          'to=Connected',
          'interval=0.2',
        ],
        consumer,
      );
      expect(connected['ConnectionStatus']).toBe('Connected');
      const zones = (await plinkdJson(
        [
          'privatelink',
          'ListVpcEndpointZones',
          '--EndpointId',
          EndpointId,
          '--waiter',
          'expr=Zones[*].ZoneStatus',
          'to=Connected',
          'interval=0.2',
        ],
        consumer,
      )) as { Zones: Array<{ ZoneStatus: string; EniIp: string }> };
      expect(zones.Zones.map((z) => z.ZoneStatus)).toEqual(['Connected', 'Connected']);
      const addresses = await runPlinkd(
        ['privatelink', 'ListVpcEndpointZones', '--EndpointId', EndpointId, '--cli-query', 'Zones[].EniIp'],
        consumer,
      );
      expect(JSON.parse(addresses.stdout)).toEqual(zones.Zones.map((z) => z.EniIp));

      const answer = await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, [endpoint['EndpointDomain'] as string, 'A']);
      expect(answer.status).toBe('NOERROR');
      expect(answer.answer.map((r) => r.data).sort()).toEqual(zones.Zones.map((z) => z.EniIp).sort());
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'takes RegionId from --region, then ALIBABA_CLOUD_REGION_ID, for actions that declare it',
    async () => {
      const viaFlag = await runPlinkd(['vpc', 'DescribeVpcs', '--region', 'cn-nowhere'], consumer);
      expect(viaFlag.code).toBe(1);
      expect(viaFlag.stderr).toMatch(/^ERROR: Code=InvalidRegionId\.NotFound /);
      const viaEnv = await runPlinkd(['vpc', 'DescribeVpcs'], { ...consumer, ALIBABA_CLOUD_REGION_ID: 'cn-nowhere' });
      expect(viaEnv.stderr).toMatch(/Code=InvalidRegionId\.NotFound/);
      const explicit = await runPlinkd(['vpc', 'DescribeVpcs', '--RegionId', 'cn-hangzhou', '--region', 'cn-nowhere'], consumer);
      expect(explicit.code).toBe(0);
      // PrivateZone is global: its actions take no RegionId, so --region does not reach them.
      const zones = await runPlinkd(['pvtz', 'DescribeZones', '--region', 'cn-nowhere'], consumer);
      expect(zones.code).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
