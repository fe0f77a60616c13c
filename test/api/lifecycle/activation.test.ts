import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller } from '../../helpers/api-call.js';
import { activeService, endpoint, network, resources } from '../../helpers/api-flows.js';
import { CLIENT_KINDS, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const ZONE = 'cn-hangzhou-h';

/**
 * OpenPrivateLinkService and CheckProductOpen: PrivateLink is opened once per
 * account, and, as in the cloud, endpoint services and endpoints are refused
 * (NeedOpenProduct) until it is. Reads need nothing.
 */
describe.each(CLIENT_KINDS)('PrivateLink activation (OpenPrivateLinkService, CheckProductOpen) (%s)', (kind) => {
  let stack: CallerStack;
  let provider: ApiCaller;

  beforeAll(async () => {
    stack = await startCallerStack(kind, 'memory');
    provider = stack.account('provider');
  });
  afterAll(async () => {
    await stack.stop();
  });

  const global = { RegionId: undefined };

  it('refuses services and endpoints of an account that has not opened PrivateLink, then opens it once', async () => {
    const fresh = await stack.fresh({ openPrivateLink: false });
    expect(await failure(fresh.call('privatelink', 'CheckProductOpen', global))).toMatchObject({
      code: 'NeedOpenProduct',
      status: 400,
      message: 'The product is not activated.',
    });
    const service = resources('nlb', [['nlb-open1', ZONE]]);
    expect(await failure(fresh.call('privatelink', 'CreateVpcEndpointService', service))).toMatchObject({ code: 'NeedOpenProduct' });
    // A dry run says the same: the request would fail.
    expect(await failure(fresh.call('privatelink', 'CreateVpcEndpointService', { ...service, DryRun: true }))).toMatchObject({
      code: 'NeedOpenProduct',
    });
    // An endpoint too, even to an open provider's service the account may use.
    const serviceId = await activeService(provider, { ...service, AutoAcceptEnabled: true });
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: fresh.uid });
    const net = await network(fresh, 1, [ZONE]);
    expect(await failure(endpoint(fresh, net, serviceId, [ZONE]))).toMatchObject({ code: 'NeedOpenProduct' });
    // Reads and the VPC product need nothing; nothing was created.
    expect((await fresh.call('privatelink', 'ListVpcEndpointServices'))['TotalCount']).toBe(0);
    expect((await fresh.call('privatelink', 'ListVpcEndpoints'))['TotalCount']).toBe(0);

    const opened = await fresh.call('privatelink', 'OpenPrivateLinkService', global);
    expect(String(opened['OrderId'])).toMatch(/^\d{9}$/);
    expect(await fresh.call('privatelink', 'CheckProductOpen', global)).toMatchObject({ Success: true });
    expect(await failure(fresh.call('privatelink', 'OpenPrivateLinkService', global))).toMatchObject({
      code: 'OrderOpend',
      message: 'You have already activated the service. Go to the console to start using it.',
    });
    await fresh.call('privatelink', 'CreateVpcEndpointService', resources('nlb', [['nlb-open2', ZONE]]));
    await endpoint(fresh, net, serviceId, [ZONE]);
    expect((await fresh.call('privatelink', 'ListVpcEndpoints'))['TotalCount']).toBe(1);
  });

  it('refuses CreateVpcEndpoint parameters plinkd cannot honour (STS protection, cross-region bandwidth)', async () => {
    const consumer = stack.account('consumer');
    const serviceId = await activeService(provider, resources('nlb', [['nlb-open3', ZONE]]));
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: consumer.uid });
    const net = await network(consumer, 2, [ZONE]);
    expect(await failure(endpoint(consumer, net, serviceId, [ZONE], { ProtectedEnabled: true }))).toMatchObject({
      code: 'IllegalParam.ProtectedEnabled',
    });
    expect(await failure(endpoint(consumer, net, serviceId, [ZONE], { CrossRegionBandwidth: 200 }))).toMatchObject({
      code: 'IllegalParam.CrossRegionBandwidth',
    });
    expect((await consumer.call('privatelink', 'ListVpcEndpoints', { VpcId: net.vpcId }))['TotalCount']).toBe(0);
    // What every endpoint is anyway is taken.
    await endpoint(consumer, net, serviceId, [ZONE], { ProtectedEnabled: false });
  });

  it('refuses to open PrivateLink for an account with overdue payment', async () => {
    const locked = await stack.fresh({ openPrivateLink: false });
    const operator = stack.account('operator');
    await operator.call('operator', 'SetBusinessStatus', { AccountId: locked.uid, BusinessStatus: 'FinancialLocked' });
    expect(await failure(locked.call('privatelink', 'OpenPrivateLinkService', global))).toMatchObject({
      code: 'InvalidAccountStatus.NotEnoughBalance',
    });
    expect(await failure(locked.call('privatelink', 'CheckProductOpen', global))).toMatchObject({ code: 'NeedOpenProduct' });
  });
});
