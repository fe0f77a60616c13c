import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startStack, type Stack } from '../../api/conveniences/stack.js';
import { dig, kdig } from '../../helpers/dig.js';
import { clientsFor, createActiveService, createConnectedEndpoint, createNetwork } from '../../helpers/scenario.js';
import { ossAddresses } from '../../../src/dns/projection/oss-projection.js';
import { bindResolver, privateZone } from './dns-e2e.js';
import { requireUnbound, startUnbound, type Unbound, type UnboundZone } from './unbound.js';

const BOUND_RESOLVER = '127.0.0.71';
const UNBOUND_RESOLVER = '127.0.0.72';

/**
 * "A real resolver in front": unbound as a VPC's resolver forwards the
 * privatelink suffix (forward-zone) and a private zone (stub-zone) to plinkd
 * from its own loopback address. The resolver bound to the VPC gets endpoint,
 * private-zone and OSS names; a resolver no binding knows gets the public
 * endpoint names and, for private names, plinkd's REFUSED turned into SERVFAIL.
 */
describe('unbound in front of plinkd', () => {
  let stack: Stack;
  let bound: Unbound;
  let unboundResolver: Unbound;
  let endpointDomain: string;

  beforeAll(async () => {
    requireUnbound();
    stack = await startStack('memory');
    const provider = clientsFor(stack.plinkd.apiUrl, 'provider');
    const consumer = clientsFor(stack.plinkd.apiUrl, 'consumer');
    const network = await createNetwork(consumer, 17);
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    endpointDomain = (await createConnectedEndpoint(consumer, network, serviceId)).endpointDomain;
    await bindResolver(stack, network.vpcId, BOUND_RESOLVER);
    await privateZone(
      stack.client('consumer', 'pvtz'),
      'corp.example',
      [
        ['www', 'A', '10.17.5.5'],
        ['web', 'CNAME', 'www.corp.example'],
      ],
      [network.vpcId],
    );
    await call(consumer.vpc, 'CreateVpcGatewayEndpoint', { VpcId: network.vpcId, ServiceName: 'com.aliyun.cn-hangzhou.oss' });

    const plinkd = `${stack.plinkd.dnsHost}@${stack.plinkd.dnsPort}`;
    const zones: UnboundZone[] = [
      { name: 'privatelink.aliyuncs.com', kind: 'forward', addr: plinkd },
      { name: 'oss-cn-hangzhou-internal.aliyuncs.com', kind: 'forward', addr: plinkd },
      { name: 'corp.example', kind: 'stub', addr: plinkd },
    ];
    bound = await startUnbound({ address: BOUND_RESOLVER, zones });
    unboundResolver = await startUnbound({ address: UNBOUND_RESOLVER, zones });
  });
  afterAll(async () => {
    await bound?.stop();
    await unboundResolver?.stop();
    await stack?.stop();
  });

  const through = (resolver: Unbound, name: string, type = 'A') =>
    dig({ host: resolver.address, port: resolver.port }, ['+rec', name, type]);

  it('resolves an endpoint name through either resolver (endpoint domains are public)', async () => {
    for (const resolver of [bound, unboundResolver]) {
      const answer = await through(resolver, endpointDomain);
      expect(answer.status, resolver.address).toBe('NOERROR');
      expect(answer.flags).toContain('ra');
      expect(answer.answer.map((r) => r.data).sort()).toEqual(['10.17.0.1', '10.17.1.1', '10.17.2.1']);
    }
  });

  it('resolves private-zone and OSS names through the bound VPC’s resolver only', async () => {
    const www = await through(bound, 'www.corp.example');
    expect(www.status).toBe('NOERROR');
    expect(www.answer.map((r) => r.data)).toEqual(['10.17.5.5']);
    const web = await kdig({ host: bound.address, port: bound.port }, ['+rec', 'web.corp.example', 'A']);
    expect(web.answer.map((r) => `${r.type} ${r.data}`)).toEqual(['CNAME www.corp.example.', 'A 10.17.5.5']);
    const oss = await through(bound, 'bucket.oss-cn-hangzhou-internal.aliyuncs.com');
    expect(oss.answer.map((r) => r.data).sort()).toEqual([...ossAddresses('cn-hangzhou')].sort());
    expect((await through(bound, 'nope.corp.example')).status).toBe('NXDOMAIN');
  });

  it('gets SERVFAIL from a resolver plinkd does not map to the VPC (plinkd answered it REFUSED)', async () => {
    for (const name of ['www.corp.example', 'bucket.oss-cn-hangzhou-internal.aliyuncs.com']) {
      const answer = await through(unboundResolver, name);
      expect(answer.status, name).toBe('SERVFAIL');
      expect(answer.answer).toHaveLength(0);
    }
    // plinkd itself, asked directly from that address, refuses.
    const direct = await dig({ host: stack.plinkd.dnsHost, port: stack.plinkd.dnsPort }, ['-b', UNBOUND_RESOLVER, 'www.corp.example', 'A']);
    expect(direct.status).toBe('REFUSED');
  });
});
