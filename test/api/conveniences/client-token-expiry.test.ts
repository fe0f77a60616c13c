import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientTokenScope } from '../../../src/control/client-token.js';
import { CLIENT_TOKEN_TTL_MS, idempotencyKey, sweepExpiredTokens } from '../../../src/control/idempotency.js';
import { Plane } from '../../../src/control/plane.js';
import { CreateTokenPlane } from '../../../src/control/token-plane.js';
import { createVpc } from '../../../src/control/vpc-create.js';
import { Replica } from '../../../src/replica/replica.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';

/**
 * Token expiry needs a day to pass, so this runs the control plane in-process
 * on the real memory store with a clock the test moves (the wire behaviour is
 * covered end to end in client-token.test.ts).
 */
const UID = '2222222222222222';
const VPC_PARAMS = { RegionId: 'cn-hangzhou', CidrBlock: '10.0.0.0/16' };

describe('ClientToken expiry (24 h) and the sweep of expired records', () => {
  let store: MemoryStore;
  let replica: Replica;
  let plane: Plane;
  let now: number;

  beforeEach(async () => {
    store = new MemoryStore();
    replica = new Replica(store);
    await replica.start();
    now = Date.parse('2026-11-25T08:00:00Z');
    plane = new Plane(
      store,
      replica,
      {
        regions: [{ regionId: 'cn-hangzhou', zoneIds: ['cn-hangzhou-h'] }],
        domainSuffix: 'privatelink.aliyuncs.com',
        transitionDelayMs: 0,
      },
      () => now,
    );
  });
  afterEach(async () => {
    replica.stop();
    await store.close();
  });

  const create = (token: string) =>
    createVpc(
      new CreateTokenPlane(plane, { ...clientTokenScope(UID, 'CreateVpc', { ...VPC_PARAMS, ClientToken: token }), clientToken: token }),
      {
        uid: '2222222222222222',
        regionId: 'cn-hangzhou',
        cidrBlock: '10.0.0.0/16',
        vpcName: undefined,
        description: undefined,
        enableIpv6: false,
        ipv6CidrBlock: undefined,
        ipv6Isp: undefined,
        userCidr: undefined,
        resourceGroupId: undefined,
        tags: [],
      },
    );

  it('remembers a token for 24 hours and then treats it as new', async () => {
    const first = await create('day-token');
    now += CLIENT_TOKEN_TTL_MS - 1000;
    expect((await create('day-token')).vpcId).toBe(first.vpcId);
    now += 1000;
    const later = await create('day-token');
    expect(later.vpcId).not.toBe(first.vpcId);
    // The record now points at the new VPC, for another day.
    expect(replica.get('idempotency', idempotencyKey('2222222222222222', 'CreateVpc', 'day-token'))?.resourceId).toBe(later.vpcId);
    expect((await create('day-token')).vpcId).toBe(later.vpcId);
  });

  it('sweeps expired records only, leaving the resources', async () => {
    await create('old-1');
    await create('old-2');
    now += CLIENT_TOKEN_TTL_MS + 1;
    expect(replica.count('idempotency')).toBe(2);
    expect(await sweepExpiredTokens(plane)).toBe(2);
    expect(replica.count('idempotency')).toBe(0);
    expect(replica.count('vpc')).toBe(2);
    expect(await sweepExpiredTokens(plane)).toBe(0);
  });

  it('sweeps by itself after a later create with a token (at most every 10 minutes)', async () => {
    await create('old-1');
    await create('old-2');
    now += CLIENT_TOKEN_TTL_MS + 1;
    const fresh = await create('fresh');
    for (let i = 0; i < 100 && replica.count('idempotency') > 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...replica.values('idempotency')].map((r) => r.resourceId)).toEqual([fresh.vpcId]);
  });
});
