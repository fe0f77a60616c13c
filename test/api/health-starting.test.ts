import { afterAll, describe, expect, it } from 'vitest';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { healthz } from '../helpers/healthz.js';

/**
 * plinkd binds its ports before it creates the configured accounts (a start that fails
 * creates nothing), so between the two /healthz says "starting" with 503 in every role:
 * a load balancer, a compose healthcheck or a bench routes nothing to it until it is ready.
 */
describe('GET /healthz while starting', () => {
  const store = new MemoryStore();
  const replica = new Replica(store);
  afterAll(() => replica.stop());

  it('answers 503 "starting" until ready, then 200 "ok", for every role', async () => {
    await replica.start();
    for (const role of ['all', 'api', 'dns']) {
      expect(await healthz(role, store, replica, true), role).toMatchObject({ status: 503, body: { status: 'starting' } });
      expect(await healthz(role, store, replica, false), role).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
  });
});
