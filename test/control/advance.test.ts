import { describe, expect, it } from 'vitest';
import { advanceEndpoint, advanceService, type EndpointStepContext } from '../../src/control/advance.js';
import { nextDueOfEndpoint } from '../../src/model/transitions.js';
import type { Endpoint, EndpointService } from '../../src/model/types.js';
import { endpointDoc, serviceDoc, zoneDoc } from './fixtures.js';

const NOW = 1_000_000;
const DELAY = 300;

function ctx(service: EndpointService | undefined, extra: Partial<EndpointStepContext> = {}): EndpointStepContext {
  return {
    service,
    consumerBusinessStatus: 'Normal',
    pickResource: (zoneId) => (zoneId === 'cn-hangzhou-h' ? 'nlb-h1' : zoneId === 'cn-hangzhou-i' ? 'nlb-i1' : null),
    now: NOW,
    clock: { due: NOW + DELAY, stamp: '2026-01-01T00:00:01Z' },
    ...extra,
  };
}

/** Steps until nothing is due any more (bounded), advancing the clock to each due time. */
function settle(endpoint: Endpoint, service: EndpointService | undefined, extra: Partial<EndpointStepContext> = {}): Endpoint[] {
  const seen: Endpoint[] = [];
  let current: Endpoint | null = endpoint;
  for (let i = 0; i < 10 && current !== null; i++) {
    const due = nextDueOfEndpoint(current);
    if (due === null) break;
    current = advanceEndpoint(current, ctx(service, { ...extra, now: due, clock: { due: due + DELAY, stamp: 'later' } })).endpoint;
    if (current !== null) seen.push(current);
  }
  return seen;
}

const creating = (overrides: Partial<Endpoint> = {}): Endpoint =>
  endpointDoc({
    endpointStatus: 'Creating',
    connectionStatus: 'Disconnected',
    transitionDueAt: NOW,
    zones: [
      zoneDoc('cn-hangzhou-h', { zoneStatus: 'Creating', transitionDueAt: NOW }),
      zoneDoc('cn-hangzhou-i', { zoneStatus: 'Creating', transitionDueAt: NOW }),
    ],
    ...overrides,
  });

describe('advanceEndpoint', () => {
  it('auto-accept: Creating → Active/Connecting (zones Connecting) → Connected, each zone bound to a resource of its zone', () => {
    const first = advanceEndpoint(creating(), ctx(serviceDoc())).endpoint!;
    expect(first.endpointStatus).toBe('Active');
    expect(first.connectionStatus).toBe('Connecting');
    expect(first.zones.map((z) => z.zoneStatus)).toEqual(['Connecting', 'Connecting']);
    expect(first.transitionDueAt).toBe(NOW + DELAY);
    const steps = settle(first, serviceDoc());
    const last = steps[steps.length - 1]!;
    expect(last.connectionStatus).toBe('Connected');
    expect(last.zones.map((z) => [z.zoneStatus, z.resourceId])).toEqual([
      ['Connected', 'nlb-h1'],
      ['Connected', 'nlb-i1'],
    ]);
    expect(nextDueOfEndpoint(last)).toBeNull();
  });

  it('without auto-accept: Active but Disconnected, zones Wait, nothing left due', () => {
    const next = advanceEndpoint(creating(), ctx(serviceDoc({ autoAcceptEnabled: false }))).endpoint!;
    expect([next.endpointStatus, next.connectionStatus]).toEqual(['Active', 'Disconnected']);
    expect(next.zones.map((z) => z.zoneStatus)).toEqual(['Wait', 'Wait']);
    expect(nextDueOfEndpoint(next)).toBeNull();
  });

  it('a new zone due before its endpoint (allocated first) waits for the endpoint instead of settling in Wait', () => {
    // CreateVpcEndpoint allocates each zone, then writes the endpoint: the zones' due times are
    // read from the clock a moment earlier, so the reconciler may wake for a zone alone.
    const endpoint = creating({
      transitionDueAt: NOW + 1,
      zones: [
        zoneDoc('cn-hangzhou-h', { zoneStatus: 'Creating', transitionDueAt: NOW }),
        zoneDoc('cn-hangzhou-i', { zoneStatus: 'Creating', transitionDueAt: NOW }),
      ],
    });
    const early = advanceEndpoint(endpoint, ctx(serviceDoc())).endpoint!;
    expect(early.zones.map((z) => z.zoneStatus)).toEqual(['Creating', 'Creating']);
    const last = settle(early, serviceDoc()).at(-1)!;
    expect([last.endpointStatus, last.connectionStatus]).toEqual(['Active', 'Connected']);
    expect(last.zones.map((z) => z.zoneStatus)).toEqual(['Connected', 'Connected']);
  });

  it('does nothing before the due time', () => {
    const endpoint = creating({
      transitionDueAt: NOW + 1,
      zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Creating', transitionDueAt: NOW + 1 })],
    });
    const next = advanceEndpoint(endpoint, ctx(serviceDoc())).endpoint!;
    expect(next.endpointStatus).toBe('Creating');
    expect(next.zones[0]!.zoneStatus).toBe('Creating');
    expect(next.transitionDueAt).toBe(NOW + 1);
  });

  it('a zone added to a connected endpoint connects; one added to an unaccepted endpoint waits', () => {
    const added = zoneDoc('cn-hangzhou-i', { zoneStatus: 'Creating', transitionDueAt: NOW });
    const connected = settle(endpointDoc({ zones: [zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-h1' }), added] }), serviceDoc());
    expect(connected.map((e) => e.zones[1]!.zoneStatus)).toEqual(['Connecting', 'Connected']);
    const waiting = advanceEndpoint(endpointDoc({ connectionStatus: 'Disconnected', zones: [added] }), ctx(serviceDoc())).endpoint!;
    expect(waiting.zones[0]!.zoneStatus).toBe('Wait');
  });

  it('a zone with no resource left in its zone does not connect', () => {
    const endpoint = endpointDoc({ zones: [zoneDoc('cn-hangzhou-j', { zoneStatus: 'Connecting', transitionDueAt: NOW })] });
    const steps = settle(endpoint, serviceDoc());
    expect(steps.map((e) => e.zones[0]!.zoneStatus)).toEqual(['Disconnecting', 'Disconnected']);
    expect(steps[1]!.zones[0]!.resourceId).toBeNull();
  });

  it('disconnecting finishes and unbinds the zones', () => {
    const endpoint = endpointDoc({
      connectionStatus: 'Disconnecting',
      transitionDueAt: NOW,
      zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Disconnecting', resourceId: 'nlb-h1', transitionDueAt: NOW })],
    });
    const next = advanceEndpoint(endpoint, ctx(serviceDoc())).endpoint!;
    expect(next.connectionStatus).toBe('Disconnected');
    expect(next.zones[0]).toMatchObject({ zoneStatus: 'Disconnected', resourceId: null, transitionDueAt: null });
  });

  it('a deleting endpoint goes away and hands back every ENI; a deleting zone alone hands back its own', () => {
    const endpoint = endpointDoc({
      endpointStatus: 'Deleting',
      connectionStatus: 'Deleting',
      transitionDueAt: NOW,
      zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Deleting' }), zoneDoc('cn-hangzhou-i', { zoneStatus: 'Deleting' })],
    });
    expect(advanceEndpoint(endpoint, ctx(serviceDoc()))).toEqual({
      endpoint: null,
      released: [
        { eniId: 'eni-h', vSwitchId: 'vsw-h', addresses: ['10.0.0.1'] },
        { eniId: 'eni-i', vSwitchId: 'vsw-i', addresses: ['10.0.0.1'] },
      ],
    });
    const oneZone = endpointDoc({
      zones: [
        zoneDoc('cn-hangzhou-h'),
        zoneDoc('cn-hangzhou-i', { zoneStatus: 'Deleting', transitionDueAt: NOW, eniIp: '10.0.1.7', zoneIpv6Address: '2408::7' }),
      ],
    });
    const step = advanceEndpoint(oneZone, ctx(serviceDoc()));
    expect(step.released).toEqual([{ eniId: 'eni-i', vSwitchId: 'vsw-i', addresses: ['10.0.1.7', '2408::7'] }]);
    expect(step.endpoint!.zones.map((z) => z.zoneId)).toEqual(['cn-hangzhou-h']);
  });

  it('once the service is gone, a disconnected endpoint shows ServiceDeleted; a connected one is cut first', () => {
    const disconnected = advanceEndpoint(creating(), ctx(undefined)).endpoint!;
    expect([disconnected.endpointStatus, disconnected.connectionStatus]).toEqual(['Active', 'ServiceDeleted']);
    const connected = endpointDoc({ transitionDueAt: NOW, zones: [zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-h1' })] });
    const steps = [advanceEndpoint(connected, ctx(undefined)).endpoint!];
    steps.push(...settle(steps[0]!, undefined));
    // The step that finishes the disconnect (→ Disconnected) also marks it ServiceDeleted.
    expect(steps.map((e) => e.connectionStatus)).toEqual(['Disconnecting', 'ServiceDeleted']);
    expect(steps[1]!.zones[0]).toMatchObject({ zoneStatus: 'Disconnected', resourceId: null });
  });

  it('an account lock seen at a step cuts the connection and marks the endpoint FinancialLocked', () => {
    const endpoint = endpointDoc({ transitionDueAt: NOW, zones: [zoneDoc('cn-hangzhou-h', { resourceId: 'nlb-h1' })] });
    const next = advanceEndpoint(endpoint, ctx(serviceDoc(), { consumerBusinessStatus: 'FinancialLocked' })).endpoint!;
    expect(next.endpointBusinessStatus).toBe('FinancialLocked');
    expect(next.connectionStatus).toBe('Disconnecting');
    expect(next.suspendedConnection).toEqual({ connected: true, zoneIds: ['cn-hangzhou-h'] });
  });

  it('an endpoint created while its account is locked connects once unlocked, as auto-accept would have', () => {
    const locked = advanceEndpoint(creating(), ctx(serviceDoc(), { consumerBusinessStatus: 'FinancialLocked' })).endpoint!;
    expect([locked.endpointStatus, locked.connectionStatus]).toEqual(['Active', 'Disconnected']);
    expect(locked.zones.map((z) => z.zoneStatus)).toEqual(['Wait', 'Wait']);
    expect(locked.suspendedConnection).toEqual({ connected: true, zoneIds: [] });
    const unlocked = advanceEndpoint({ ...locked, transitionDueAt: NOW }, ctx(serviceDoc())).endpoint!;
    expect(unlocked.connectionStatus).toBe('Connecting');
    expect(unlocked.zones.map((z) => z.zoneStatus)).toEqual(['Connecting', 'Connecting']);
    expect(unlocked.suspendedConnection).toBeNull();
  });
});

describe('advanceService', () => {
  it('finishes Creating and Pending as Active, drops a Deleting service, and waits for the due time', () => {
    expect(advanceService(serviceDoc({ serviceStatus: 'Creating', transitionDueAt: NOW }), NOW)).toMatchObject({
      serviceStatus: 'Active',
      transitionDueAt: null,
    });
    expect(advanceService(serviceDoc({ serviceStatus: 'Pending', transitionDueAt: NOW }), NOW)).toMatchObject({ serviceStatus: 'Active' });
    expect(advanceService(serviceDoc({ serviceStatus: 'Deleting', transitionDueAt: NOW }), NOW)).toBeNull();
    expect(advanceService(serviceDoc({ serviceStatus: 'Creating', transitionDueAt: NOW + 1 }), NOW)).toMatchObject({
      serviceStatus: 'Creating',
    });
  });
});
