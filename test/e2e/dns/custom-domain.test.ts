import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, call, startStack, type Stack } from '../../api/conveniences/stack.js';
import { dig } from '../../helpers/dig.js';
import { clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until } from '../../helpers/scenario.js';
import { bindResolver, dnsTarget, from } from './dns-e2e.js';

const CONSUMER_RESOLVER = '127.0.0.61';
const OTHER_RESOLVER = '127.0.0.62';
const DOMAIN = 'metrics.cn-hangzhou.aliyuncs.com';

/**
 * docs/dns.md: a cloud-provided service's PrivateServiceDomain answers, in a VPC
 * whose endpoint enabled it, the endpoint's addresses; nowhere else.
 */
describe.each(STORES)('custom service domains (%s store)', (store) => {
  let stack: Stack;
  let endpointId: string;

  beforeAll(async () => {
    stack = await startStack(store);
    const operator = clientsFor(stack.plinkd.apiUrl, 'operator');
    const consumer = clientsFor(stack.plinkd.apiUrl, 'consumer');
    // An operator's service is cloud-provided: only it may carry a PrivateServiceDomain.
    const serviceId = await createActiveService(operator, { PrivateServiceDomain: DOMAIN }, ['cn-hangzhou-h', 'cn-hangzhou-i']);
    await call(operator.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 41, ['cn-hangzhou-h', 'cn-hangzhou-i']);
    const other = await createNetwork(consumer, 42, ['cn-hangzhou-h']);
    await bindResolver(stack, network.vpcId, CONSUMER_RESOLVER);
    await bindResolver(stack, other.vpcId, OTHER_RESOLVER);
    endpointId = (await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h', 'cn-hangzhou-i'])).endpointId;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const ask = (source: string) => dig(dnsTarget(stack), [...from(source), DOMAIN, 'A']);

  it('is not answered until the endpoint enables it', async () => {
    expect((await ask(CONSUMER_RESOLVER)).status).toBe('REFUSED');
  });

  it('answers the endpoint addresses in its VPC once enabled, REFUSED elsewhere, and stops when disabled', async () => {
    const consumer = clientsFor(stack.plinkd.apiUrl, 'consumer');
    await call(consumer.privatelink, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, PrivateServiceDomainEnabled: true });
    const answer = await until(
      () => ask(CONSUMER_RESOLVER),
      (r) => r.status === 'NOERROR',
    );
    expect(answer.flags).toContain('aa');
    expect(answer.answer.map((r) => r.data).sort()).toEqual(['10.41.0.1', '10.41.1.1']);
    expect((await ask(OTHER_RESOLVER)).status).toBe('REFUSED');
    expect((await dig(dnsTarget(stack), [DOMAIN, 'A'])).status).toBe('REFUSED');
    // Below the domain: the private zone is authoritative, and there is nothing there.
    expect((await dig(dnsTarget(stack), [...from(CONSUMER_RESOLVER), `x.${DOMAIN}`, 'A'])).status).toBe('NXDOMAIN');

    await call(consumer.privatelink, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, PrivateServiceDomainEnabled: false });
    await until(
      () => ask(CONSUMER_RESOLVER),
      (r) => r.status === 'REFUSED',
    );
  });

  it('follows the endpoint: a zone removed leaves the answer, a deleted endpoint takes the name away', async () => {
    const consumer = clientsFor(stack.plinkd.apiUrl, 'consumer');
    await call(consumer.privatelink, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, PrivateServiceDomainEnabled: true });
    await until(
      () => ask(CONSUMER_RESOLVER),
      (r) => r.answer.length === 2,
    );
    await call(consumer.privatelink, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' });
    const one = await until(
      () => ask(CONSUMER_RESOLVER),
      (r) => r.answer.length === 1,
    );
    expect(one.answer[0]?.data).toBe('10.41.0.1');
    await call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    await until(
      () => ask(CONSUMER_RESOLVER),
      (r) => r.status === 'REFUSED',
    );
  });
});
