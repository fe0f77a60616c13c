import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startStack, type Stack } from '../../api/conveniences/stack.js';
import { dig } from '../../helpers/dig.js';
import { ossAddresses } from '../../../src/dns/projection/oss-projection.js';
import { parseCidr, cidrContainsIp, parseIp } from '../../../src/model/cidr.js';
import { bindResolver, dnsTarget, from } from './dns-e2e.js';

const WITH_ENDPOINT = '127.0.0.51';
const WITHOUT_ENDPOINT = '127.0.0.52';
const SHANGHAI = '127.0.0.53';
const NO_BINDING = '127.0.0.54';
const SHARED_SPACE = parseCidr('100.64.0.0/10')!;

/**
 * docs/dns.md: "names in the region's OSS domain, in a VPC with an OSS gateway
 * endpoint → addresses in 100.64.0.0/10"; elsewhere REFUSED. Two regions are
 * served, so the test also shows each VPC gets its own region's OSS names only.
 */
describe('OSS names through a VPC gateway endpoint', () => {
  let stack: Stack;
  let endpointId: string;

  beforeAll(async () => {
    stack = await startStack('memory', { extraArgs: ['--region', 'cn-hangzhou,cn-shanghai'] });
    const vpc = stack.client('consumer', 'vpc');
    const create = async (regionId: string, second: number): Promise<string> =>
      ((await call(vpc, 'CreateVpc', { RegionId: regionId, CidrBlock: `10.${second}.0.0/16` })) as { VpcId: string }).VpcId;
    const [hangzhou, bare, shanghai] = [await create('cn-hangzhou', 91), await create('cn-hangzhou', 92), await create('cn-shanghai', 93)];
    await bindResolver(stack, hangzhou, WITH_ENDPOINT);
    await bindResolver(stack, bare, WITHOUT_ENDPOINT);
    await bindResolver(stack, shanghai, SHANGHAI);
    const created = await call(vpc, 'CreateVpcGatewayEndpoint', { VpcId: hangzhou, ServiceName: 'com.aliyun.cn-hangzhou.oss' });
    endpointId = created['EndpointId'] as string;
    await call(vpc, 'CreateVpcGatewayEndpoint', { RegionId: 'cn-shanghai', VpcId: shanghai, ServiceName: 'com.aliyun.cn-shanghai.oss' });
  });
  afterAll(async () => {
    await stack.stop();
  });

  const ask = (source: string, name: string, type = 'A') => dig(dnsTarget(stack), [...from(source), name, type]);

  it('answers the region’s OSS endpoint and bucket names from 100.64.0.0/10 in the VPC that has the endpoint', async () => {
    const expected = [...ossAddresses('cn-hangzhou')].sort();
    for (const name of [
      'oss-cn-hangzhou-internal.aliyuncs.com',
      'my-bucket.oss-cn-hangzhou-internal.aliyuncs.com',
      'oss-cn-hangzhou.aliyuncs.com',
      'LOGS.oss-cn-hangzhou.aliyuncs.com',
    ]) {
      const answer = await ask(WITH_ENDPOINT, name);
      expect(answer.status, name).toBe('NOERROR');
      expect(answer.flags).toContain('aa');
      const addresses = answer.answer.map((r) => r.data).sort();
      expect(addresses, name).toEqual(expected);
      for (const address of addresses) expect(cidrContainsIp(SHARED_SPACE, parseIp(address)!)).toBe(true);
      expect(answer.answer[0]?.name.toLowerCase()).toBe(`${name.toLowerCase()}.`);
    }
    const v6 = await ask(WITH_ENDPOINT, 'my-bucket.oss-cn-hangzhou-internal.aliyuncs.com', 'AAAA');
    expect(v6.status).toBe('NOERROR');
    expect(v6.answer).toHaveLength(0);
    expect(v6.authority[0]?.type).toBe('SOA');
    // Another region's OSS names are not this VPC's.
    expect((await ask(WITH_ENDPOINT, 'oss-cn-shanghai-internal.aliyuncs.com')).status).toBe('REFUSED');
  });

  it('gives each region its own OSS addresses', async () => {
    const shanghai = await ask(SHANGHAI, 'bucket.oss-cn-shanghai-internal.aliyuncs.com');
    expect(shanghai.answer.map((r) => r.data).sort()).toEqual([...ossAddresses('cn-shanghai')].sort());
    expect(ossAddresses('cn-shanghai')).not.toEqual(ossAddresses('cn-hangzhou'));
    expect((await ask(SHANGHAI, 'bucket.oss-cn-hangzhou-internal.aliyuncs.com')).status).toBe('REFUSED');
  });

  it('refuses OSS names in VPCs without an endpoint and to unbound sources, and stops once the endpoint is deleted', async () => {
    for (const source of [WITHOUT_ENDPOINT, NO_BINDING]) {
      expect((await ask(source, 'bucket.oss-cn-hangzhou-internal.aliyuncs.com')).status).toBe('REFUSED');
    }
    await call(stack.client('consumer', 'vpc'), 'DeleteVpcGatewayEndpoint', { EndpointId: endpointId });
    expect((await ask(WITH_ENDPOINT, 'bucket.oss-cn-hangzhou-internal.aliyuncs.com')).status).toBe('REFUSED');
    expect((await ask(WITH_ENDPOINT, 'oss-cn-hangzhou.aliyuncs.com')).status).toBe('REFUSED');
  });
});
