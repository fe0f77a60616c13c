import type RPCClient from '@alicloud/pop-core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiActions } from '../../../src/api/products/all-actions.js';
import { RedisKeys } from '../../../src/store/redis/keys.js';
import { API_META } from '../../helpers/api-meta.js';
import { VERSIONS } from '../../helpers/cloud.js';
import { privatelinkShapeCases } from '../conformance/privatelink-cases.js';
import { pvtzShapeCases } from '../conformance/pvtz-cases.js';
import type { ShapeCase } from '../conformance/shape-case.js';
import { startShapeWorld, type Account, type Json, type ShapeWorld } from '../conformance/shape-world.js';
import { vpcShapeCases } from '../conformance/vpc-cases.js';

/**
 * Every action that declares ClientToken honours it (docs/api.md "Conveniences"): called twice
 * with the same token and the same parameters, through the RPC API of a real plinkd on a real
 * redis-server, the second call answers the same ids and commits nothing (the store's commit
 * counter stays where the first call and the transitions it started left it); a third call with
 * the token and one parameter changed is refused with IdempotentParameterMismatch (the code the
 * cloud's metadata documents for its gateway endpoint actions, and docs/control-plane.md for all)
 * and commits nothing. Each action runs
 * its response-shape case (test/api/conformance/<product>-cases.ts), valid input on a realistic
 * world, with every call of the action itself made twice.
 */

const CASES: Readonly<Record<string, Record<string, ShapeCase>>> = {
  [VERSIONS.privatelink]: privatelinkShapeCases,
  [VERSIONS.vpc]: vpcShapeCases,
  [VERSIONS.pvtz]: pvtzShapeCases,
};

const takesToken = apiActions.filter((action) => 'ClientToken' in action.params);

/** The ids an answer names, by path: every field named …Id or …Ids but RequestId. */
function idsOf(body: unknown, path = '', found: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(body)) body.forEach((item, i) => idsOf(item, `${path}[${i}]`, found));
  else if (body !== null && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key !== 'RequestId' && /Ids?$/.test(key)) found[at] = value;
      else idsOf(value, at, found);
    }
  }
  return found;
}

/**
 * The request with one parameter changed so that it still reads as well-formed: the last digit or
 * letter of the first string parameter (past the region and the token) turned into another of its
 * class (`vpc-abc1` → `vpc-abc2`, `10.0.0.0/16` → `10.0.0.0/17`), or a number plus one; not one
 * whose values are a closed set.
 */
function otherParameters(request: Json, specs: Readonly<Record<string, unknown>>): { name: string; params: Json } | undefined {
  for (const [name, value] of Object.entries(request)) {
    if (name === 'RegionId' || name === 'ClientToken' || name === 'DryRun') continue;
    if (typeof value === 'number') return { name, params: { ...request, [name]: value + 1 } };
    if (typeof value !== 'string' || value === '') continue;
    const last = value.at(-1)!;
    const next = /[0-8]/.test(last)
      ? String(Number(last) + 1)
      : last === '9'
        ? '8'
        : /[a-y]/.test(last)
          ? String.fromCharCode(last.charCodeAt(0) + 1)
          : 'a';
    const other = value.slice(0, -1) + next;
    // A value outside the parameter's closed set or pattern (ResourceType: slb, alb, nlb…) would be refused as such first.
    const spec = specs[name.split('.')[0]!] as { enum?: readonly string[]; pattern?: RegExp } | undefined;
    if (spec?.enum !== undefined || (spec?.pattern !== undefined && !spec.pattern.test(other))) continue;
    return { name, params: { ...request, [name]: other } };
  }
  return undefined;
}

describe('ClientToken across the catalogue', () => {
  it('is declared by every served action whose cloud metadata takes it', () => {
    const missing = apiActions
      .filter((action) => API_META.get(action.version)?.apis[action.name]?.parameters.some((p) => p.name === 'ClientToken'))
      .filter((action) => !('ClientToken' in action.params))
      .map((action) => `${action.version} ${action.name}`);
    expect(missing).toEqual([]);
    expect(takesToken.length).toBeGreaterThan(30);
  });

  describe('a retry with the same token and parameters', () => {
    let world: ShapeWorld;
    let redis: Redis;
    const sequenceKey = new RedisKeys().sequence;
    const commits = async (): Promise<number> => Number((await redis.get(sequenceKey)) ?? 0);

    /** Waits until no commit has happened for 600 ms (the transitions a call started have run), at most 20 s; returns the count. */
    async function quiet(): Promise<number> {
      let last = await commits();
      let stableSince = Date.now();
      for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = await commits();
        if (now !== last) {
          last = now;
          stableSince = Date.now();
        } else if (Date.now() - stableSince >= 600) return now;
      }
      throw new Error('the store did not go quiet within 20 s');
    }

    beforeAll(async () => {
      world = await startShapeWorld('redis');
      redis = new Redis(world.stack.redis!.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
    }, 120_000);
    afterAll(async () => {
      redis?.disconnect();
      await world?.stop();
    });

    it.each(takesToken.filter((a) => a.version in CASES).map((a) => ({ version: a.version, name: a.name, kind: a.kind, specs: a.params })))(
      '$version $name answers the same ids and commits nothing; with other parameters, IdempotentParameterMismatch',
      async ({ version, name, kind, specs }) => {
        const shapeCase = CASES[version]![name];
        if (shapeCase === undefined) throw new Error(`no case for ${name} in test/api/conformance/`);
        let retried = 0;
        const problems: string[] = [];
        const twice = (client: RPCClient): RPCClient =>
          new Proxy(client, {
            get(target, property, receiver) {
              if (property !== 'request') return Reflect.get(target, property, receiver) as unknown;
              return async (action: string, params: Json, options: object) => {
                if (action !== name) return target.request(action, params, options);
                const request = { ...params, ClientToken: `catalogue-${name}-${retried}` };
                const first = await target.request<Json>(action, request, options);
                const before = await quiet();
                const second = await target.request<Json>(action, request, options);
                const after = await quiet();
                if (after !== before) problems.push(`call ${retried}: the retry committed ${after - before} change(s)`);
                const [a, b] = [idsOf(first), idsOf(second)];
                if (JSON.stringify(a) !== JSON.stringify(b))
                  problems.push(`call ${retried}: first answered ${JSON.stringify(a)}, the retry ${JSON.stringify(b)}`);
                // The token with other parameters: refused before anything runs, nothing committed (reads keep no token).
                const changed = kind === 'read' ? undefined : otherParameters(request, specs);
                if (changed === undefined && kind !== 'read')
                  problems.push(`call ${retried}: no parameter to change for the mismatch check`);
                if (changed !== undefined) {
                  const code = await target.request(action, changed.params, options).then(
                    () => 'success',
                    (err: { code?: unknown }) => String(err.code),
                  );
                  if (code !== 'IdempotentParameterMismatch')
                    problems.push(
                      `call ${retried}: the token with ${changed.name} changed answered ${code}, not IdempotentParameterMismatch`,
                    );
                  if ((await quiet()) !== after) problems.push(`call ${retried}: the token with other parameters committed a change`);
                }
                retried += 1;
                return first;
              };
            },
          });
        const wrap = (account: Account): Account => ({
          ...account,
          vpc: twice(account.vpc),
          privatelink: twice(account.privatelink),
          pvtz: twice(account.pvtz),
          operator: twice(account.operator),
        });
        await shapeCase({ ...world, provider: wrap(world.provider), consumer: wrap(world.consumer), stranger: wrap(world.stranger) });
        expect(retried, `the case for ${name} never called it through the world's accounts`).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      },
      90_000,
    );
  });
});
