import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../src/api/http/http-server.js';
import { defineAction } from '../../../src/api/rpc/action.js';
import { RpcDispatcher } from '../../../src/api/rpc/dispatcher.js';
import { rpcRoute } from '../../../src/api/rpc/rpc-route.js';
import { CloudError } from '../../../src/errors/catalogue.js';
import { createLogger } from '../../../src/log/logger.js';

/**
 * The dispatcher's two conformance checks, on an in-process API server called by pop-core:
 * a code an action does not declare is logged at error (and answered as InternalError in
 * strict mode), and parameters neither the protocol nor the action knows are logged at debug,
 * by name and never by value.
 */
const VERSION = '2099-01-01';
const KEY = { accessKeyId: 'LTAIprobe0000000', uid: '4444444444444444', secret: 'probe-secret-0000', createdAt: '2026-01-01T00:00:00Z' };

const probe = defineAction({
  version: VERSION,
  name: 'Probe',
  kind: 'read',
  errorCodes: ['EndpointNotFound'],
  params: {
    Outcome: { type: 'string', required: true },
    Zone: { type: 'objects', maxItems: 5, fields: { ZoneId: { type: 'string' }, ip: { type: 'string' } } },
    Tag: { type: 'list', maxItems: 5, item: { type: 'string' } },
  },
  async handle(_ctx, p) {
    if (p.Outcome === 'declared') throw new CloudError('EndpointNotFound');
    if (p.Outcome === 'undeclared') throw new CloudError('VpcNotFound');
    if (p.Outcome === 'common') throw new CloudError('MissingParam', { param: 'Something' });
    return { Outcome: p.Outcome };
  },
});

interface Server {
  client: RPCClient;
  lines: Array<Record<string, unknown>>;
  raw: string[];
  http: RunningHttpServer;
}

async function serve(strictErrorCodes: boolean): Promise<Server> {
  const raw: string[] = [];
  const log = createLogger('debug', (line) => raw.push(line));
  const dispatcher = new RpcDispatcher<unknown>({
    actions: [probe],
    deps: {},
    regionIds: ['cn-hangzhou'],
    hostIdOf: () => 'probe.aliyuncs.com',
    log,
    strictErrorCodes,
    credentials: {
      findAccessKey: (id) => (id === KEY.accessKeyId ? KEY : undefined),
      findAccount: (uid) => (uid === KEY.uid ? { uid, operator: false, businessStatus: 'Normal', createdAt: KEY.createdAt } : undefined),
      claimNonce: async () => true,
      now: () => Date.now(),
    },
  });
  const http = await startHttpServer({ host: '127.0.0.1', port: 0, routes: [rpcRoute(dispatcher)], log });
  const client = new RPCClient({
    endpoint: `http://127.0.0.1:${http.address.port}`,
    apiVersion: VERSION,
    accessKeyId: KEY.accessKeyId,
    accessKeySecret: KEY.secret,
  });
  return {
    client,
    raw,
    http,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

async function outcome(server: Server, params: Record<string, unknown>): Promise<{ code: string; status: number }> {
  try {
    const body = await server.client.request<Record<string, unknown>>('Probe', params, { method: 'POST', formatParams: false });
    return { code: `ok:${String(body['Outcome'])}`, status: 200 };
  } catch (err) {
    const e = err as { code: string; entry?: { response?: { statusCode?: number } } };
    return { code: e.code, status: Number(e.entry?.response?.statusCode) };
  }
}

const undeclaredLines = (server: Server): Array<Record<string, unknown>> =>
  server.lines.filter((l) => l['msg'] === 'undeclared error code');

describe('an action answers only the codes it declares', () => {
  let strict: Server;
  let lenient: Server;
  beforeAll(async () => {
    strict = await serve(true);
    lenient = await serve(false);
  });
  afterAll(async () => {
    await strict?.http.close();
    await lenient?.http.close();
  });

  it('passes declared and common codes through without a word', async () => {
    expect(await outcome(strict, { Outcome: 'declared' })).toEqual({ code: 'EndpointNotFound', status: 400 });
    expect(await outcome(strict, { Outcome: 'common' })).toEqual({ code: 'MissingParam.Something', status: 400 });
    expect(await outcome(strict, { Outcome: 'fine' })).toEqual({ code: 'ok:fine', status: 200 });
    expect(undeclaredLines(strict)).toEqual([]);
  });

  it('in strict mode answers an undeclared code as InternalError and logs it at error', async () => {
    expect(await outcome(strict, { Outcome: 'undeclared' })).toEqual({ code: 'InternalError', status: 500 });
    expect(undeclaredLines(strict)).toEqual([expect.objectContaining({ level: 'error', action: 'Probe', code: 'VpcNotFound' })]);
  });

  it('otherwise answers the code and still logs it at error', async () => {
    expect(await outcome(lenient, { Outcome: 'undeclared' })).toEqual({ code: 'VpcNotFound', status: 400 });
    expect(undeclaredLines(lenient)).toEqual([expect.objectContaining({ level: 'error', action: 'Probe', code: 'VpcNotFound' })]);
  });

  it('runs the whole suite in strict mode (vitest.config.ts), so every plinkd a test starts is strict', () => {
    expect(process.env['PLINKD_STRICT_ERROR_CODES']).toBe('1');
  });
});

describe('unknown parameters', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve(true);
  });
  afterAll(async () => {
    await server?.http.close();
  });

  it('are ignored, and named (never valued) in one debug line', async () => {
    const before = server.raw.length;
    const result = await outcome(server, {
      Outcome: 'fine',
      RegionId: 'cn-hangzhou',
      'Zone.1.ZoneId': 'cn-hangzhou-h',
      'Zone.1.ip': '10.0.0.5',
      'Zone.2.Ip': '10.0.0.6',
      'Tag.1': 'a',
      'Tag.1.Key': 'b',
      ClientTokn: 'secret-looking-value-42',
    });
    expect(result).toEqual({ code: 'ok:fine', status: 200 });
    const lines = server.lines.slice(before).filter((l) => l['msg'] === 'unknown parameters');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'debug', action: 'Probe' });
    expect([...(lines[0]!['params'] as string[])].sort()).toEqual(['ClientTokn', 'Tag.1.Key', 'Zone.2.Ip']);
    expect(server.raw.slice(before).join('')).not.toContain('secret-looking-value-42');
  });

  it('are not reported when every name is the protocol’s or the action’s', async () => {
    const before = server.raw.length;
    expect(await outcome(server, { Outcome: 'fine', RegionId: 'cn-hangzhou', 'Zone.1.ip': '10.0.0.5', 'Tag.2': 'x' })).toEqual({
      code: 'ok:fine',
      status: 200,
    });
    expect(server.lines.slice(before).filter((l) => l['msg'] === 'unknown parameters')).toEqual([]);
  });
});

describe('action registration', () => {
  const dispatcherOf = (action: ReturnType<typeof defineAction<unknown, Record<string, never>>>): RpcDispatcher<unknown> =>
    new RpcDispatcher<unknown>({
      actions: [action],
      deps: {},
      regionIds: ['cn-hangzhou'],
      hostIdOf: () => 'probe.aliyuncs.com',
      log: createLogger('error', () => undefined),
      strictErrorCodes: false,
      credentials: {
        findAccessKey: () => undefined,
        findAccount: () => undefined,
        claimNonce: async () => true,
        now: () => Date.now(),
      },
    });
  const withCheck = (kind: 'read' | 'create' | 'change') =>
    defineAction({ version: VERSION, name: 'Checked', kind, errorCodes: [], params: {}, check: () => undefined, handle: async () => ({}) });

  it("refuses a check on a create or a change (only a read's check is run) and takes it on a read", () => {
    expect(() => dispatcherOf(withCheck('change'))).toThrow(/2099-01-01\/Checked is a change with a check/);
    expect(() => dispatcherOf(withCheck('create'))).toThrow(/is a create with a check/);
    expect(() => dispatcherOf(withCheck('read'))).not.toThrow();
  });
});
