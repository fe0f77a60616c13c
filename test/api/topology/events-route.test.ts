import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { MAX_EVENT_STREAMS } from '../../../src/api/topology/routes.js';
import type { Topology, TopologyChange } from '../../../src/api/topology/types.js';
import { ACCESS_KEYS, ACCOUNTS } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { call, clientsFor, createActiveService, createNetwork } from '../../helpers/scenario.js';
import { API_TOKEN } from './fixture.js';

interface Event {
  name: string;
  data: unknown;
}

/** Reads server-sent events from a fetch() body, as the console does. */
class EventReader {
  private buffer = '';
  private readonly events: Event[] = [];
  private waiting: (() => void) | undefined;
  private done = false;

  constructor(private readonly body: ReadableStream<Uint8Array>) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    const reader = this.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== undefined && data !== undefined) this.events.push({ name, data: JSON.parse(data) });
        }
        this.waiting?.();
      }
    } catch {
      // aborted
    }
    this.done = true;
    this.waiting?.();
  }

  /** The first event (from the start of the stream) that `match` accepts, within `timeoutMs`. */
  async find(match: (event: Event) => boolean, timeoutMs = 60_000): Promise<Event> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found !== undefined) return found;
      if (this.done || Date.now() > deadline) throw new Error(`no such event; got ${JSON.stringify(this.events.map((e) => e.name))}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }
}

describe('GET /v1/events', () => {
  let plinkd: PlinkdProcess;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, apiTokens: API_TOKEN, transitionDelayMs: 400 });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  const open = (token: string | undefined, signal?: AbortSignal): Promise<Response> =>
    fetch(`${plinkd.apiUrl}/v1/events`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal });

  it('needs the bearer token', async () => {
    const response = await open(undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'Unauthorized' });
  });

  it('sends the topology, then each change as the API and the reconciler make it', async () => {
    const abort = new AbortController();
    // Closed however the test ends: an open stream would hold one of the places the next test counts.
    onTestFinished(() => abort.abort());
    const response = await open(API_TOKEN, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = new EventReader(response.body!);
    const first = await events.find(() => true);
    expect(first.name).toBe('topology');
    expect((first.data as Topology).endpoints).toEqual([]);

    const provider = clientsFor(plinkd.apiUrl, 'provider');
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const network = await createNetwork(consumer, 3, ['cn-hangzhou-h']);
    const changesOf = (event: Event): TopologyChange[] =>
      event.name === 'change' ? (event.data as { changes: TopologyChange[] }).changes : [];
    const vpcEvent = await events.find((e) => changesOf(e).some((c) => c.list === 'vpcs' && c.node?.vSwitches.length === 1));
    expect(changesOf(vpcEvent).find((c) => c.list === 'vpcs')!.node).toMatchObject({ vpcId: network.vpcId, owner: ACCOUNTS.consumer.uid });

    const serviceId = await createActiveService(provider, {}, ['cn-hangzhou-h']);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const { EndpointId } = (await call(consumer.privatelink, 'CreateVpcEndpoint', {
      VpcId: network.vpcId,
      ServiceId: serviceId,
      'SecurityGroupId.1': 'sg-events',
      'Zone.1.ZoneId': 'cn-hangzhou-h',
      'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
    })) as { EndpointId: string };
    const endpointNode = (e: Event): Topology['endpoints'][number] | undefined => {
      const change = changesOf(e).find((c) => c.list === 'endpoints' && c.id === EndpointId);
      return change?.node === null ? undefined : (change?.node as Topology['endpoints'][number] | undefined);
    };
    await events.find((e) => endpointNode(e)?.status === 'Creating');
    // The connection and then the zone connect, each in a batch of its own: the last step is the zone.
    const live = await events.find((e) => {
      const node = endpointNode(e);
      return node?.status === 'Active' && node.connectionStatus === 'Connected' && node.zones[0]?.status === 'Connected';
    });
    const node = changesOf(live).find((c) => c.list === 'endpoints')!.node as Topology['endpoints'][number];
    expect(node.names[0]!.answered).toBe(true);
    expect((live.data as { position: string }).position).toMatch(/^\d+-\d+$/);

    await call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId });
    await events.find((e) => changesOf(e).some((c) => c.list === 'endpoints' && c.id === EndpointId && c.node === null));
  }, 120_000);

  it(`serves at most ${MAX_EVENT_STREAMS} streams at once, and a closed one frees its place`, async () => {
    // A stream of an earlier test is released when the server sees its socket close: retry briefly.
    const openAccepted = async (): Promise<AbortController> => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const controller = new AbortController();
        const response = await open(API_TOKEN, controller.signal);
        if (response.status === 200) return controller;
        expect(response.status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('no stream accepted within 10 s');
    };
    const aborts: AbortController[] = [];
    onTestFinished(() => aborts.forEach((a) => a.abort()));
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) aborts.push(await openAccepted());
    const refused = await open(API_TOKEN);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'TooManyStreams' });
    aborts[0]!.abort();
    aborts[0] = await openAccepted();
  }, 120_000);
});
