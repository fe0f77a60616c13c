import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_STREAMS } from '../../src/api/topology/routes.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

const run = promisify(execFile);
const TOKEN = 'docs-token-0123456789abcdef';
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** README's "Policy API" section. */
function section(): string {
  const readme = read('README.md');
  const start = readme.indexOf('## Policy API\n');
  const end = readme.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, end);
}

/** The error table: code → HTTP status. */
function documentedCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  for (const match of section().matchAll(/^\| `([A-Za-z.]+)` \| (\d{3}) \|/gm)) codes.set(match[1]!, Number(match[2]));
  return codes;
}

/**
 * The modules that answer /v1 paths (app.ts mounts them; http-server.ts answers for every route:
 * 413, 500, no route), and what they can say: every `code: '…'` and `error(<status>, '…'`.
 */
const V1_SOURCES = [
  'src/api/authz/routes.ts',
  'src/api/authz/request-shape.ts',
  'src/api/authz/bearer.ts',
  'src/api/http/authz-route.ts',
  'src/api/http/bearer-guard.ts',
  'src/api/http/dns-lookup-route.ts',
  'src/api/http/http-server.ts',
  'src/api/topology/routes.ts',
  'src/policy/validate.ts',
];

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const path of V1_SOURCES) {
    const text = read(path);
    for (const match of text.matchAll(/code: '([A-Za-z.]+)'|error\(\d{3}, '([A-Za-z.]+)'/g)) codes.add((match[1] ?? match[2])!);
  }
  return codes;
}

/** README's shell examples: each `$ curl …` (with its `\` continuations) and the line it prints. */
function curlExamples(): Array<{ command: string; output: string }> {
  const block = /```sh\n([\s\S]*?)```/.exec(section());
  expect(block).not.toBeNull();
  const lines = block![1]!.split('\n');
  const examples: Array<{ command: string; output: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('$ curl')) continue;
    let command = lines[i]!.slice(2);
    while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${lines[++i]!.trim()}`;
    examples.push({ command, output: lines[i + 1]! });
  }
  return examples;
}

describe('README "Policy API"', () => {
  let plinkd: PlinkdProcess;
  let apiOnly: PlinkdProcess;
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedis();
    [plinkd, apiOnly] = await Promise.all([
      startPlinkd({ apiTokens: TOKEN }),
      startPlinkd({ apiTokens: TOKEN, role: 'api', store: redis.url }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plinkd?.stop(), apiOnly?.stop()]);
    await redis?.destroy();
  });

  it('lists exactly the error codes the /v1 routes can answer', () => {
    expect([...documentedCodes().keys()].sort()).toEqual([...codesInSource()].sort());
  });

  it('gives each code the HTTP status the running server answers it with', async () => {
    const post = (path: string, body: string, token: string | null = TOKEN, base = plinkd.apiUrl): Promise<Response> =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body,
      });
    const seen = new Map<string, number>();
    const answer = async (response: Promise<Response>): Promise<void> => {
      const r = await response;
      const body = (await r.json()) as { code?: string; results?: Array<{ error?: { code: string } }> };
      expect(body.code, JSON.stringify(body)).toBeDefined();
      seen.set(body.code!, r.status);
    };
    const simple = { action: 'oss:GetObject', resource: 'acs:oss:*:1:b/k' };
    await answer(post('/v1/authorize', JSON.stringify({ ...simple, endpointId: 'ep-x' }), null));
    await answer(post('/v1/nothing', '{}'));
    await answer(fetch(`${plinkd.apiUrl}/v1/authorize`, { headers: { authorization: `Bearer ${TOKEN}` } }));
    await answer(post('/v1/authorize', '{not json'));
    await answer(post('/v1/authorize', JSON.stringify({ ...simple, endpointId: 'ep-x', extra: 1 })));
    await answer(post('/v1/authorize', JSON.stringify({ ...simple, endpointId: 'ep-x' })));
    await answer(post('/v1/policies:simulate', JSON.stringify({ policyDocument: { Version: '2' }, requests: [simple] })));
    await answer(post('/v1/dns:lookup', JSON.stringify({ name: 'x'.repeat(20 * 1024) })));
    await answer(post('/v1/dns:lookup', JSON.stringify({ name: 'example.com' }), TOKEN, apiOnly.apiUrl));
    // Every event stream the server holds open, then one more.
    const streams = Array.from({ length: MAX_EVENT_STREAMS }, () => new AbortController());
    try {
      const open = streams.map((c) =>
        fetch(`${plinkd.apiUrl}/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: c.signal }),
      );
      for (const response of await Promise.all(open)) expect(response.status).toBe(200);
      await answer(fetch(`${plinkd.apiUrl}/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` } }));
    } finally {
      for (const c of streams) c.abort();
    }
    // InternalError is a bug's answer: no request can be made to get it.
    const documented = documentedCodes();
    documented.delete('InternalError');
    expect(seen).toEqual(documented);
  });

  it('shows curl examples that print what they say, run as written', async () => {
    const examples = curlExamples();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const { command, output } of examples) {
      const actual = command.replaceAll('127.0.0.1:8080', `127.0.0.1:${plinkd.apiPort}`);
      const { stdout } = await run('bash', ['-c', actual], { env: { ...process.env, PLINKD_API_TOKENS: TOKEN } });
      expect(stdout, command).toBe(output);
    }
  });
});
