import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import {
  SETTLE_MS,
  activeService,
  connection,
  endpoint,
  network,
  resources,
  untilService,
  untilSettled,
  zones,
  type Net,
} from '../../helpers/api-flows.js';
import { dig } from '../../helpers/dig.js';
import { until } from '../../helpers/scenario.js';
import { CLIENT_KINDS, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const H = 'cn-hangzhou-h';
const I = 'cn-hangzhou-i';

/**
 * Which service resource serves an endpoint zone: AutoAllocatedEnabled
 * (UpdateVpcEndpointServiceResourceAttribute) decides what zone allocation may
 * pick; UpdateVpcEndpointZoneConnectionResourceAttribute assigns a zone by hand
 * or migrates a connected one. The zone keeps its ENI, so its names keep answering.
 */
describe.each(CLIENT_KINDS)('service resource allocation (transition delay 1 s, %s)', (kind) => {
  let stack: CallerStack;
  let provider: ApiCaller;
  let consumer: ApiCaller;
  let serviceId: string;
  let net: Net;

  beforeAll(async () => {
    stack = await startCallerStack(kind, 'memory', { transitionDelayMs: 1000 });
    provider = stack.account('provider');
    consumer = stack.account('consumer');
    serviceId = await activeService(provider, {
      ...resources('nlb', [
        ['nlb-ha', H],
        ['nlb-hb', H],
        ['nlb-ia', I],
      ]),
      AutoAcceptEnabled: true,
    });
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: consumer.uid });
    net = await network(consumer, 1, [H, I]);
  });
  afterAll(async () => {
    await stack.stop();
  });

  const pl = (caller: ApiCaller, action: string, params: Json = {}): Promise<Json> => caller.call('privatelink', action, params);
  const listed = async (): Promise<Record<string, Json>> =>
    Object.fromEntries(
      ((await pl(provider, 'ListVpcEndpointServiceResources', { ServiceId: serviceId }))['Resources'] as Json[]).map((r) => [
        r['ResourceId'],
        r,
      ]),
    );
  const setAuto = (resourceId: string, enabled: boolean, extra: Json = {}): Promise<Json> =>
    pl(provider, 'UpdateVpcEndpointServiceResourceAttribute', {
      ServiceId: serviceId,
      ResourceId: resourceId,
      AutoAllocatedEnabled: enabled,
      ...extra,
    });
  const zoneResource = (endpointId: string, params: Json): Promise<Json> =>
    pl(provider, 'UpdateVpcEndpointZoneConnectionResourceAttribute', {
      ServiceId: serviceId,
      EndpointId: endpointId,
      ZoneId: H,
      ...params,
    });
  const boundIn = async (endpointId: string, zoneId: string): Promise<Json> =>
    ((await connection(provider, serviceId, endpointId))['Zones'] as Json[]).find((z) => z['ZoneId'] === zoneId)!;
  const untilActive = (): Promise<Json> => untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');

  it('allocates only resources whose AutoAllocatedEnabled is on, and keeps one per zone', async () => {
    expect(Object.values(await listed()).map((r) => r['AutoAllocatedEnabled'])).toEqual([true, true, true]);
    // A dry run changes nothing.
    expect(await failure(setAuto('nlb-ha', false, { DryRun: true }))).toMatchObject({ code: 'DryRunOperation' });
    expect((await listed())['nlb-ha']!['AutoAllocatedEnabled']).toBe(true);
    await setAuto('nlb-ha', false, { ZoneId: H });
    expect((await listed())['nlb-ha']!['AutoAllocatedEnabled']).toBe(false);
    // nlb-ha would be the first choice (fewest zones, then lowest id); it is skipped now.
    const endpointId = await endpoint(consumer, net, serviceId, [H]);
    await untilSettled(consumer, endpointId, 'Connected');
    expect((await boundIn(endpointId, H))['ResourceId']).toBe('nlb-hb');
    expect(await failure(setAuto('nlb-hb', false))).toMatchObject({
      code: 'ResourceAutoAllocateViolation',
      message: 'The specified endpoint service must have at least one automatically allocated resource in one zone.',
    });
    expect(await failure(setAuto('nlb-ia', false))).toMatchObject({ code: 'ResourceAutoAllocateViolation' });
    expect(await failure(setAuto('nlb-zz', false))).toMatchObject({ code: 'EndpointServiceResourceNotFound' });
    expect(await failure(setAuto('nlb-hb', true, { ZoneId: I }))).toMatchObject({ code: 'EndpointServiceResourceNotFound' });
    expect(
      await failure(
        consumer.call('privatelink', 'UpdateVpcEndpointServiceResourceAttribute', {
          ServiceId: serviceId,
          ResourceId: 'nlb-ha',
          AutoAllocatedEnabled: true,
        }),
      ),
    ).toMatchObject({
      code: 'EndpointServiceNotFound',
    });
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    await setAuto('nlb-ha', true);
  });

  it('migrates a connected zone to a chosen resource (Graceful: ReplacedResourceId until done) and its name keeps answering', async () => {
    const endpointId = await endpoint(consumer, net, serviceId, [H]);
    const { zones } = await untilSettled(consumer, endpointId, 'Connected');
    const address = String(zones[0]!['EniIp']);
    const domain = String(zones[0]!['ZoneDomain']);
    const from = String((await boundIn(endpointId, H))['ResourceId']);
    const to = from === 'nlb-ha' ? 'nlb-hb' : 'nlb-ha';
    const migrate = { ResourceReplaceMode: 'Graceful', ResourceType: 'nlb', ResourceId: to };

    // The zone's current resource is still auto-allocated: the cloud has you stop that first.
    expect(await failure(zoneResource(endpointId, migrate))).toMatchObject({ code: 'OperationDenied.CurrentResourceAutoAllocated' });
    await setAuto(from, false);
    expect(await failure(zoneResource(endpointId, { ...migrate, DryRun: true }))).toMatchObject({ code: 'DryRunOperation' });
    expect((await boundIn(endpointId, H))['ResourceId']).toBe(from);

    await zoneResource(endpointId, migrate);
    expect(await boundIn(endpointId, H)).toMatchObject({ ResourceId: to, ReplacedResourceId: from, ZoneStatus: 'Connected' });
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }))['ServiceStatus']).toBe('Pending');
    expect((await listed())[from]!['RelatedDeprecatedEndpointCount']).toBe(1);
    const filtered = await pl(provider, 'ListVpcEndpointConnections', { ServiceId: serviceId, ReplacedResourceId: from });
    expect((filtered['Connections'] as Json[]).map((c) => c['EndpointId'])).toEqual([endpointId]);
    expect((await dig({ host: stack.plinkd.dnsHost, port: stack.plinkd.dnsPort }, [domain, 'A'])).answer.map((r) => r.data)).toEqual([
      address,
    ]);

    await until(
      () => boundIn(endpointId, H),
      (z) => z['ReplacedResourceId'] === '',
      SETTLE_MS,
    );
    await untilActive();
    const after = await listed();
    expect(after[to]!['RelatedEndpointCount']).toBe(1);
    expect(after[from]!).toMatchObject({ RelatedEndpointCount: 0, RelatedDeprecatedEndpointCount: 0 });
    expect((await dig({ host: stack.plinkd.dnsHost, port: stack.plinkd.dnsPort }, [domain, 'A'])).answer.map((r) => r.data)).toEqual([
      address,
    ]);

    // Force replaces at once, without a ReplacedResourceId. `to` is now the zone's (manual) resource; stop its auto-allocation first.
    await setAuto(from, true);
    await setAuto(to, false);
    await zoneResource(endpointId, { ResourceReplaceMode: 'Force', ResourceType: 'nlb', ResourceId: from });
    expect(await boundIn(endpointId, H)).toMatchObject({ ResourceId: from, ReplacedResourceId: '' });
    await untilActive();

    // Graceful again, then the old connections are cut at once (DisableVpcEndpointZoneConnection ReplacedResource=true).
    await setAuto(to, true);
    await setAuto(from, false);
    await zoneResource(endpointId, { ResourceReplaceMode: 'Graceful', ResourceType: 'nlb', ResourceId: to });
    expect((await boundIn(endpointId, H))['ReplacedResourceId']).toBe(from);
    const cut = { ServiceId: serviceId, EndpointId: endpointId, ZoneId: H, ReplacedResource: true };
    expect(await failure(pl(provider, 'DisableVpcEndpointZoneConnection', { ...cut, DryRun: true }))).toMatchObject({
      code: 'DryRunOperation',
    });
    await pl(provider, 'DisableVpcEndpointZoneConnection', cut);
    expect(await boundIn(endpointId, H)).toMatchObject({ ResourceId: to, ReplacedResourceId: '', ZoneStatus: 'Connected' });
    await untilActive();
    await setAuto(from, true);
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
  });

  it('assigns a zone that is not connected to a resource by hand, and it connects there', async () => {
    const manual = await activeService(provider, {
      ...resources('nlb', [
        ['nlb-m1', H],
        ['nlb-m2', H],
      ]),
      AutoAcceptEnabled: false,
    });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: manual, UserId: consumer.uid });
    const endpointId = await endpoint(consumer, net, manual, [H]);
    await untilSettled(consumer, endpointId, 'Disconnected');
    const assign = (params: Json): Promise<Json> =>
      pl(provider, 'UpdateVpcEndpointZoneConnectionResourceAttribute', { ServiceId: manual, EndpointId: endpointId, ZoneId: H, ...params });
    // nlb-m2 would never be picked automatically once nlb-m1 is the only auto-allocated resource.
    await pl(provider, 'UpdateVpcEndpointServiceResourceAttribute', {
      ServiceId: manual,
      ResourceId: 'nlb-m2',
      AutoAllocatedEnabled: false,
    });
    await assign({ ResourceAllocateMode: 'Manual', ResourceType: 'nlb', ResourceId: 'nlb-m2' });
    await untilService(provider, manual, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'EnableVpcEndpointConnection', { ServiceId: manual, EndpointId: endpointId });
    await untilSettled(consumer, endpointId, 'Connected');
    const bound = ((await connection(provider, manual, endpointId))['Zones'] as Json[])[0]!;
    expect(bound).toMatchObject({ ResourceId: 'nlb-m2', ZoneStatus: 'Connected' });
    // Allocation modes are for zones that are not connected.
    expect(await failure(assign({ ResourceAllocateMode: 'Auto' }))).toMatchObject({ code: 'ZoneOperationDenied' });
  });

  it('refuses bad requests with the action codes, changing nothing', async () => {
    const endpointId = await endpoint(consumer, net, serviceId, [H]);
    await untilSettled(consumer, endpointId, 'Connected');
    // Zones connect one transition after their connection does; the refusals below are those
    // of a Connected zone.
    await until(
      () => zones(consumer, endpointId),
      (zs) => zs.every((z) => z['ZoneStatus'] === 'Connected'),
      SETTLE_MS,
    );
    const before = await connection(provider, serviceId, endpointId);
    const cases: Array<[Json, string]> = [
      [{}, 'MissingParam.ResourceAllocateMode'],
      [{ ResourceAllocateMode: 'Sometimes' }, 'IllegalParam.ResourceAllocateMode'],
      [{ ResourceReplaceMode: 'Gently' }, 'IllegalParam.ResourceReplaceMode'],
      [{ ResourceReplaceMode: 'Force', ResourceType: 'nlb' }, 'MissingParam.ResourceId'],
      [{ ResourceReplaceMode: 'Force', ResourceId: 'nlb-hb' }, 'MissingParam.ResourceType'],
      [{ ResourceReplaceMode: 'Force', ResourceType: 'slb', ResourceId: 'nlb-hb' }, 'EndpointServiceResourceTypeNotSupport'],
      [{ ResourceReplaceMode: 'Force', ResourceType: 'nlb', ResourceId: 'nlb-zz' }, 'EndpointServiceResourceNotFound'],
      [{ ResourceReplaceMode: 'Force', ResourceType: 'nlb', ResourceId: 'nlb-ia' }, 'Mismatch.ZoneId'],
      [{ ResourceAllocateMode: 'Manual', ResourceType: 'nlb', ResourceId: 'nlb-hb' }, 'ZoneOperationDenied'],
      [{ ZoneId: I, ResourceAllocateMode: 'Auto' }, 'EndpointZoneNotFound'],
      [{ EndpointId: 'ep-neverexisted0', ResourceAllocateMode: 'Auto' }, 'EndpointNotFound'],
    ];
    for (const [params, code] of cases)
      expect({ params, code: (await failure(zoneResource(endpointId, params))).code }).toEqual({ params, code });
    expect(
      await failure(
        consumer.call('privatelink', 'UpdateVpcEndpointZoneConnectionResourceAttribute', {
          ServiceId: serviceId,
          EndpointId: endpointId,
          ZoneId: H,
          ResourceAllocateMode: 'Auto',
        }),
      ),
    ).toMatchObject({
      code: 'EndpointServiceNotFound',
    });
    expect(await connection(provider, serviceId, endpointId)).toEqual({ ...before });
  });
});
