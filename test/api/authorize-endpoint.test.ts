import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, errorCodeOf } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork } from '../helpers/scenario.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('/v1/authorize against endpoints created through the cloud API', () => {
  let plinkd: PlinkdProcess;
  let endpointId: string;
  let consumer: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, apiTokens: TOKEN });
    const provider = clientsFor(plinkd.apiUrl, 'provider');
    consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 5, ['cn-hangzhou-h']);
    endpointId = (await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h'])).endpointId;
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  const authorize = (body: unknown, token = TOKEN): Promise<Response> =>
    fetch(`${plinkd.apiUrl}/v1/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('allows through the default endpoint policy and names the deciding statement', async () => {
    const response = await authorize({
      endpointId,
      principal: 'acs:ram::2222222222222222:user/x',
      action: 'oss:GetObject',
      resource: 'acs:oss:*:2222222222222222:bucket/key',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ decision: 'Allow', statement: 0, sid: null });
  });

  it('answers 404 for an unknown endpoint and 401 without the token', async () => {
    const unknown = await authorize({ endpointId: 'ep-nothere', action: 'oss:GetObject', resource: 'acs:oss:*:1:bucket/key' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('EndpointNotFound');
    const noToken = await authorize({ endpointId, action: 'oss:GetObject', resource: 'x' }, 'wrong-token-0123456789');
    expect(noToken.status).toBe(401);
  });

  it('refuses a malformed PolicyDocument with MalformedPolicyDocument naming the element, and changes nothing', async () => {
    const bad = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.300/8' } } }],
    });
    const error = await consumer.privatelink
      .request('UpdateVpcEndpointAttribute', { RegionId: 'cn-hangzhou', EndpointId: endpointId, PolicyDocument: bad }, { method: 'POST' })
      .then(
        () => undefined,
        (err: { code: string; data: { Message: string } }) => err,
      );
    expect(error?.code).toBe('MalformedPolicyDocument');
    expect(error?.data.Message).toContain('Statement[0].Condition.IpAddress');
    const tooLong = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:' + 'x'.repeat(7000), Resource: '*' }] });
    expect(
      await errorCodeOf(call(consumer.privatelink, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, PolicyDocument: tooLong })),
    ).toBe('MalformedPolicyDocument');
    const attributes = await call(consumer.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId });
    expect(attributes['PolicyDocument']).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}',
    );
  });

  it('evaluates the policy stored with the endpoint, recompiled when it changes', async () => {
    const denyDelete = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'oss:*', Resource: '*', Principal: '*' },
        { Sid: 'NoDeletes', Effect: 'Deny', Action: 'oss:DeleteObject', Resource: 'acs:oss:*:*:bucket/*', Principal: '*' },
      ],
    });
    await call(consumer.privatelink, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, PolicyDocument: denyDelete });
    const request = { endpointId, action: 'oss:DeleteObject', resource: 'acs:oss:*:2222222222222222:bucket/a/b' };
    expect(await (await authorize(request)).json()).toEqual({ decision: 'ExplicitDeny', statement: 1, sid: 'NoDeletes' });
    expect(await (await authorize({ ...request, action: 'oss:GetObject' })).json()).toEqual({ decision: 'Allow', statement: 0, sid: null });
    expect(await (await authorize({ ...request, action: 'ecs:RunInstances' })).json()).toEqual({
      decision: 'ImplicitDeny',
      statement: null,
      sid: null,
    });
  });
});
