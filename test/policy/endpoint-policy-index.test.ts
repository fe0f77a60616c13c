import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';

import { PolicyIndex } from '../../src/policy/endpoint-policy-index.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { endpointDoc } from '../replica/fixtures.js';

const DENY_GET = '{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:GetObject","Resource":"*","Principal":"*"}]}';

async function eventually(check: () => void): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('PolicyIndex: one compiled form per distinct policy text', () => {
  let replica: Replica | undefined;
  afterEach(() => replica?.stop());

  it('shares the compiled policy across endpoints and frees it with its last user', async () => {
    const store = new MemoryStore();
    await store.transact(async (tx) => {
      for (let n = 0; n < 300; n++)
        tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n, n < 3 ? { policyDocument: DENY_GET } : {}));
    });
    replica = new Replica(store);
    await replica.start();
    const index = new PolicyIndex(createLogger('error'));
    index.attach(replica);
    expect(index.size).toBe(300);
    expect(index.compiledCount).toBe(2);

    const request = { principal: 'acs:ram::1:user/x', action: 'oss:GetObject', resource: 'acs:oss:*:1:b/k', context: {} };
    const denied = index.getEndpointPolicy(endpointDoc(0).endpointId)!;
    const allowed = index.getEndpointPolicy(endpointDoc(10).endpointId)!;
    expect(denied.compiled.evaluate(request).decision).toBe('ExplicitDeny');
    expect(allowed.compiled.evaluate(request).decision).toBe('Allow');
    expect(allowed.vpcId).toBe(endpointDoc(10).vpcId);

    // The three deny endpoints move to the default policy, then everything is deleted.
    await store.transact(async (tx) => {
      for (let n = 0; n < 3; n++) tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n));
    });
    await eventually(() => expect(index.compiledCount).toBe(1));
    // Endpoints of one VPC share their lookup result; moving one leaves the others as they were.
    await store.transact(async (tx) => tx.put('endpoint', endpointDoc(10).endpointId, endpointDoc(10, { vpcId: 'vpc-new' })));
    await eventually(() => expect(index.getEndpointPolicy(endpointDoc(10).endpointId)!.vpcId).toBe('vpc-new'));
    expect(index.getEndpointPolicy(endpointDoc(15).endpointId)!.vpcId).toBe(endpointDoc(15).vpcId);
    expect(endpointDoc(15).vpcId).toBe(endpointDoc(10).vpcId);
    expect(index.getEndpointPolicy(endpointDoc(0).endpointId)!.compiled.evaluate(request).decision).toBe('Allow');
    await store.transact(async (tx) => {
      for (let n = 0; n < 300; n++) tx.delete('endpoint', endpointDoc(n).endpointId);
    });
    await eventually(() => expect(index.size).toBe(0));
    expect(index.compiledCount).toBe(0);
  });
});
