import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidrContainsIp, parseCidr, parseIp } from '../../../src/model/cidr.js';
import {
  ACCOUNTS,
  activeService,
  call,
  customNetwork,
  newEndpoint,
  pl,
  plError,
  startWorld,
  untilGone,
  untilSettled,
  type Json,
  type World,
} from './world.js';

/**
 * ENI addresses (docs/control-plane.md): from the zone's vSwitch, never twice, released on
 * removal; an explicit `ip` honoured or EniIpUnavailable; a full vSwitch gives
 * ResourceNotEnough.VSwitchIp; DualStack endpoints get an IPv6 address too.
 */
describe('endpoint zone addresses', () => {
  let world: World;
  let service: string;
  beforeAll(async () => {
    world = await startWorld();
    service = await activeService(world.provider, { AutoAcceptEnabled: true });
    await pl(world.provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
  });
  afterAll(async () => {
    await world.stop();
  });

  it('a /29 vSwitch holds four ENIs (the cloud reserves the first and the last three addresses); the fifth gets ResourceNotEnough.VSwitchIp', async () => {
    const { consumer } = world;
    const network = await customNetwork(consumer, '10.7.0.0/16', [['cn-hangzhou-h', '10.7.0.0/29']]);
    const zone = ['cn-hangzhou-h'];
    const created: string[] = [];
    for (let i = 0; i < 4; i++) created.push(await newEndpoint(consumer, network, service, zone));
    const ips: string[] = [];
    for (const id of created) ips.push(String((await untilSettled(consumer, id, 'Connected')).zones[0]!['EniIp']));
    expect(ips.sort()).toEqual(['10.7.0.1', '10.7.0.2', '10.7.0.3', '10.7.0.4']);
    expect(
      await plError(consumer, 'CreateVpcEndpoint', {
        VpcId: network.vpcId,
        ServiceId: service,
        'SecurityGroupId.1': 'sg-a',
        'Zone.1.ZoneId': 'cn-hangzhou-h',
        'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
      }),
    ).toBe('ResourceNotEnough.VSwitchIp');
    const switches = await call(consumer.vpc, 'DescribeVSwitches', { VSwitchId: network.vSwitches['cn-hangzhou-h'] });
    expect(((switches['VSwitches'] as Json)['VSwitch'] as Json[])[0]!['AvailableIpAddressCount']).toBe(0);
    // Deleting one endpoint gives its address back: the next one gets exactly that address.
    const freed = created[1]!;
    const freedIp = String((await untilSettled(consumer, freed, 'Connected')).zones[0]!['EniIp']);
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: freed });
    expect(await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: freed }))).toBe('EndpointNotFound');
    const again = await newEndpoint(consumer, network, service, zone);
    expect((await untilSettled(consumer, again, 'Connected')).zones[0]!['EniIp']).toBe(freedIp);
  });

  it('an explicit Zone.N.ip is honoured, or refused with EniIpUnavailable when taken, reserved or outside the vSwitch', async () => {
    const { consumer } = world;
    const network = await customNetwork(consumer, '10.8.0.0/16', [['cn-hangzhou-h', '10.8.0.0/24']]);
    const withIp = (ip: string): Json => ({
      VpcId: network.vpcId,
      ServiceId: service,
      'SecurityGroupId.1': 'sg-a',
      'Zone.1.ZoneId': 'cn-hangzhou-h',
      'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
      'Zone.1.ip': ip,
    });
    const first = String((await pl(consumer, 'CreateVpcEndpoint', withIp('10.8.0.77')))['EndpointId']);
    expect((await untilSettled(consumer, first, 'Connected')).zones[0]!['EniIp']).toBe('10.8.0.77');
    expect(await plError(consumer, 'CreateVpcEndpoint', withIp('10.8.0.77'))).toBe('EniIpUnavailable');
    expect(await plError(consumer, 'CreateVpcEndpoint', withIp('10.8.0.0'))).toBe('EniIpUnavailable');
    expect(await plError(consumer, 'CreateVpcEndpoint', withIp('10.8.0.255'))).toBe('EniIpUnavailable');
    expect(await plError(consumer, 'CreateVpcEndpoint', withIp('10.8.1.5'))).toBe('EniIpUnavailable');
    expect(await plError(consumer, 'CreateVpcEndpoint', withIp('not-an-ip'))).toBe('IllegalParamFormat.Zone.1.ip');
    // The refused calls took nothing: the next automatic address is the lowest free one.
    const next = await newEndpoint(consumer, network, service, ['cn-hangzhou-h']);
    expect((await untilSettled(consumer, next, 'Connected')).zones[0]!['EniIp']).toBe('10.8.0.1');
  });

  it('DualStack: a DualStack service and IPv6 vSwitches give each zone a ZoneIpv6Address in its vSwitch /64', async () => {
    const { consumer, provider } = world;
    const dual = await activeService(provider, { AutoAcceptEnabled: true, AddressIpVersion: 'DualStack' }, 'nlb', [
      'cn-hangzhou-h',
      'cn-hangzhou-i',
    ]);
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: dual, UserId: ACCOUNTS.consumer.uid });
    const network = await customNetwork(
      consumer,
      '10.9.0.0/16',
      [
        ['cn-hangzhou-h', '10.9.0.0/24'],
        ['cn-hangzhou-i', '10.9.1.0/24'],
      ],
      true,
    );
    const switches = ((await call(consumer.vpc, 'DescribeVSwitches', { VpcId: network.vpcId }))['VSwitches'] as Json)['VSwitch'] as Json[];
    const v6Of = Object.fromEntries(switches.map((s) => [String(s['ZoneId']), String(s['Ipv6CidrBlock'])]));
    const endpointId = await newEndpoint(consumer, network, dual, ['cn-hangzhou-h', 'cn-hangzhou-i'], { AddressIpVersion: 'DualStack' });
    const { endpoint, zones } = await untilSettled(consumer, endpointId, 'Connected');
    expect(endpoint['AddressIpVersion']).toBe('DualStack');
    for (const zone of zones) {
      const address = parseIp(String(zone['ZoneIpv6Address']));
      expect(address?.family).toBe(6);
      expect(cidrContainsIp(parseCidr(v6Of[String(zone['ZoneId'])]!)!, address!)).toBe(true);
    }
    // Without AddressIpVersion the endpoint follows its DualStack service when its vSwitches have IPv6.
    const implicit = await newEndpoint(consumer, network, dual, ['cn-hangzhou-h']);
    expect((await untilSettled(consumer, implicit, 'Connected')).zones[0]!['ZoneIpv6Address']).not.toBe('');
    // Refusals: an IPv4 service, an IPv4-only vSwitch, an IPv6 address for an IPv4 endpoint, a downgrade in use.
    expect(
      await plError(consumer, 'CreateVpcEndpoint', {
        VpcId: network.vpcId,
        ServiceId: service,
        'SecurityGroupId.1': 'sg-a',
        AddressIpVersion: 'DualStack',
      }),
    ).toBe('IllegalParam.AddressIpVersion');
    const v4only = await customNetwork(consumer, '10.10.0.0/16', [['cn-hangzhou-h', '10.10.0.0/24']]);
    expect(
      await plError(consumer, 'CreateVpcEndpoint', {
        VpcId: v4only.vpcId,
        ServiceId: dual,
        'SecurityGroupId.1': 'sg-a',
        AddressIpVersion: 'DualStack',
        'Zone.1.ZoneId': 'cn-hangzhou-h',
        'Zone.1.VSwitchId': v4only.vSwitches['cn-hangzhou-h'],
      }),
    ).toBe('IllegalParam.VSwitchId');
    expect(
      await plError(consumer, 'CreateVpcEndpoint', {
        VpcId: v4only.vpcId,
        ServiceId: service,
        'SecurityGroupId.1': 'sg-a',
        'Zone.1.ZoneId': 'cn-hangzhou-h',
        'Zone.1.VSwitchId': v4only.vSwitches['cn-hangzhou-h'],
        'Zone.1.Ipv6Address': '2408::1',
      }),
    ).toBe('IllegalParam.Ipv6Address');
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: dual, AddressIpVersion: 'IPv4' })).toBe(
      'EndpointServiceDowngradeNotAllowed',
    );
    // An explicit IPv6 address is honoured, and refused once taken.
    const wanted = String(zones.find((z) => z['ZoneId'] === 'cn-hangzhou-i')!['ZoneIpv6Address']).replace(/:[0-9a-f]+$/, ':abcd');
    await pl(consumer, 'AddZoneToVpcEndpoint', {
      EndpointId: implicit,
      ZoneId: 'cn-hangzhou-i',
      VSwitchId: network.vSwitches['cn-hangzhou-i'],
      Ipv6Address: wanted,
    });
    const withV6 = (await untilSettled(consumer, implicit, 'Connected')).zones;
    expect(withV6.find((z) => z['ZoneId'] === 'cn-hangzhou-i')!['ZoneIpv6Address']).toBe(wanted);
    const third = await newEndpoint(consumer, network, dual, []);
    await untilSettled(consumer, third, 'Connected');
    expect(
      await plError(consumer, 'AddZoneToVpcEndpoint', {
        EndpointId: third,
        ZoneId: 'cn-hangzhou-i',
        VSwitchId: network.vSwitches['cn-hangzhou-i'],
        Ipv6Address: wanted,
      }),
    ).toBe('EniIpUnavailable');
  });

  it('a zone added to an endpoint not yet accepted waits (Wait) with its address allocated', async () => {
    const { consumer, provider } = world;
    const manual = await activeService(provider, { AutoAcceptEnabled: false });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: manual, UserId: ACCOUNTS.consumer.uid });
    const network = await customNetwork(consumer, '10.11.0.0/16', [
      ['cn-hangzhou-h', '10.11.0.0/24'],
      ['cn-hangzhou-i', '10.11.1.0/24'],
    ]);
    const endpointId = await newEndpoint(consumer, network, manual, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Disconnected');
    await pl(consumer, 'AddZoneToVpcEndpoint', {
      EndpointId: endpointId,
      ZoneId: 'cn-hangzhou-i',
      VSwitchId: network.vSwitches['cn-hangzhou-i'],
    });
    const { zones } = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(zones.map((z) => [z['ZoneStatus'], z['EniIp']])).toEqual([
      ['Wait', '10.11.0.1'],
      ['Wait', '10.11.1.1'],
    ]);
  });
});
