import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { SETTLE_MS, activeService, endpoint, network, resources, untilSettled, zones, type Net } from '../../helpers/api-flows.js';
import { dig } from '../../helpers/dig.js';
import { until } from '../../helpers/scenario.js';
import { CLIENT_MATRIX, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const H = 'cn-hangzhou-h';
const I = 'cn-hangzhou-i';

/** Whether an IPv6 address (RFC 5952 text) lies in a /64 given as `<prefix>::/64`. */
function inSlash64(address: string, block: string): boolean {
  const expand = (text: string): number[] => {
    const [head = '', tail = ''] = text.split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === '' ? [] : tail.split(':');
    return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right].map((g) => parseInt(g, 16));
  };
  const a = expand(address);
  const b = expand(block.replace(/\/64$/, ''));
  return a.slice(0, 4).every((g, i) => g === b[i]);
}

/**
 * UpdateVpcEndpointAttribute AddressIpVersion: IPv4 → DualStack gives every
 * zone an IPv6 address from its vSwitch's /64, and the names answer AAAA;
 * the way back is refused.
 */
describe.each(CLIENT_MATRIX)('UpdateVpcEndpointAttribute AddressIpVersion ($kind, $store store)', ({ kind, store }) => {
  let stack: CallerStack;
  let provider: ApiCaller;
  let consumer: ApiCaller;
  let dualStack: string;
  let net: Net;

  beforeAll(async () => {
    stack = await startCallerStack(kind, store);
    provider = stack.account('provider');
    consumer = stack.account('consumer');
    dualStack = await activeService(provider, {
      ...resources('nlb', [
        ['nlb-v6h', H],
        ['nlb-v6i', I],
      ]),
      AutoAcceptEnabled: true,
      AddressIpVersion: 'DualStack',
    });
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: dualStack, UserId: consumer.uid });
    net = await network(consumer, 1, [H, I], true);
  });
  afterAll(async () => {
    await stack.stop();
  });

  const update = (endpointId: string, params: Json): Promise<Json> =>
    consumer.call('privatelink', 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, ...params });
  const target = (): { host: string; port: number } => ({ host: stack.plinkd.dnsHost, port: stack.plinkd.dnsPort });
  const records = async (name: string, type: 'A' | 'AAAA'): Promise<string[]> =>
    (await dig(target(), [name, type])).answer.map((r) => r.data).sort();

  it('gives every zone an IPv6 address from its vSwitch and the names AAAA records', async () => {
    const endpointId = await endpoint(consumer, net, dualStack, [H, I], { AddressIpVersion: 'IPv4' });
    const { endpoint: created, zones: before } = await untilSettled(consumer, endpointId, 'Connected');
    expect(created['AddressIpVersion']).toBe('IPv4');
    expect(before.map((z) => z['ZoneIpv6Address'])).toEqual(['', '']);
    const domain = String(created['EndpointDomain']);
    await until(
      () => records(domain, 'A'),
      (a) => a.length === 2,
      SETTLE_MS,
    );
    expect(await records(domain, 'AAAA')).toEqual([]);

    // A dry run allocates nothing.
    expect(await failure(update(endpointId, { AddressIpVersion: 'DualStack', DryRun: true }))).toMatchObject({ code: 'DryRunOperation' });
    expect((await zones(consumer, endpointId)).map((z) => z['ZoneIpv6Address'])).toEqual(['', '']);

    await update(endpointId, { AddressIpVersion: 'DualStack', ClientToken: 'to-dual-stack' });
    // The same request again (a retry) succeeds and changes nothing.
    await update(endpointId, { AddressIpVersion: 'DualStack', ClientToken: 'to-dual-stack' });
    expect((await consumer.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['AddressIpVersion']).toBe(
      'DualStack',
    );
    const after = await zones(consumer, endpointId);
    const v6 = after.map((z) => String(z['ZoneIpv6Address']));
    expect(v6.every((a) => a !== '')).toBe(true);
    for (const zone of after) {
      const vSwitch = await consumer.call('vpc', 'DescribeVSwitchAttributes', { VSwitchId: zone['VSwitchId'] });
      expect(inSlash64(String(zone['ZoneIpv6Address']), String(vSwitch['Ipv6CidrBlock']))).toBe(true);
      // The zonal name answers its own zone's address.
      expect(
        await until(
          () => records(String(zone['ZoneDomain']), 'AAAA'),
          (a) => a.length === 1,
          SETTLE_MS,
        ),
      ).toEqual([zone['ZoneIpv6Address']]);
    }
    expect(
      await until(
        () => records(domain, 'AAAA'),
        (a) => a.length === 2,
        SETTLE_MS,
      ),
    ).toEqual([...v6].sort());
    expect((await records(domain, 'A')).length).toBe(2);

    // Back to IPv4 is refused; the vSwitch cannot drop IPv6 while the endpoint holds addresses in it.
    expect(await failure(update(endpointId, { AddressIpVersion: 'IPv4' }))).toMatchObject({ code: 'IllegalParam.AddressIpVersion' });
    expect(await failure(consumer.call('vpc', 'ModifyVSwitchAttribute', { VSwitchId: net.vSwitches[H], EnableIPv6: false }))).toMatchObject(
      {
        code: 'OperationFailed.Ipv6InstanceExist',
      },
    );
    expect(
      await failure(update(endpointId, { AddressIpVersion: 'DualStack', ClientToken: 'to-dual-stack', EndpointName: 'other' })),
    ).toMatchObject({
      code: 'IdempotentParameterMismatch',
    });

    // Deleting the endpoint gives the addresses back: then the vSwitch may drop IPv6.
    await consumer.call('privatelink', 'DeleteVpcEndpoint', { EndpointId: endpointId });
    await until(
      () =>
        consumer.call('vpc', 'ModifyVSwitchAttribute', { VSwitchId: net.vSwitches[H], EnableIPv6: false }).then(
          () => 'done',
          (e: Error) => e.message,
        ),
      (outcome) => outcome === 'done',
      SETTLE_MS,
    );
    await consumer.call('vpc', 'ModifyVSwitchAttribute', { VSwitchId: net.vSwitches[H], EnableIPv6: true, Ipv6CidrBlock: 0 });
  });

  it('needs a DualStack service and IPv6 on every zone vSwitch', async () => {
    const ipv4Service = await activeService(provider, { ...resources('nlb', [['nlb-v4h', H]]), AutoAcceptEnabled: true });
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: ipv4Service, UserId: consumer.uid });
    const onIpv4 = await endpoint(consumer, net, ipv4Service, [H]);
    await untilSettled(consumer, onIpv4, 'Connected');
    expect(await failure(update(onIpv4, { AddressIpVersion: 'DualStack' }))).toMatchObject({ code: 'IllegalParam.AddressIpVersion' });

    const v4net = await network(consumer, 2, [H]);
    const noV6 = await endpoint(consumer, v4net, dualStack, [H]);
    await untilSettled(consumer, noV6, 'Connected');
    expect(await failure(update(noV6, { AddressIpVersion: 'DualStack' }))).toMatchObject({ code: 'IllegalParam.AddressIpVersion' });
    expect((await consumer.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: noV6 }))['AddressIpVersion']).toBe('IPv4');
  });
});
