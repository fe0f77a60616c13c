import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudClient } from '../../helpers/cloud.js';
import { clientsFor, createNetwork } from '../../helpers/scenario.js';
import { dig } from '../../helpers/dig.js';
import { API_TOKEN, buildWorld, getJson, type World } from './fixture.js';

interface Explanation {
  rcode: string;
  status: string;
  zone: { kind: string; id?: string; origin: string } | null;
  view: { vpcId: string | null; bindings: Array<{ bindingId: string; sourceCidr: string }> };
  answer: string[];
  explanation: string[];
}

/** POST /v1/dns:lookup answers from the DNS server's own data, as a VPC's resolvers get it, and says why. */
describe('POST /v1/dns:lookup', () => {
  let world: World;
  let unboundVpc: string;
  let labZoneId: string;
  beforeAll(async () => {
    world = await buildWorld();
    unboundVpc = (await createNetwork(clientsFor(world.plinkd.apiUrl, 'consumer'), 6, ['cn-hangzhou-h'])).vpcId;
    const pvtz = cloudClient(world.plinkd.apiUrl, 'consumer', 'pvtz');
    labZoneId = ((await pvtz.request('AddZone', { ZoneName: 'lab.example' }, { method: 'POST' })) as { ZoneId: string }).ZoneId;
    await pvtz.request('BindZoneVpc', { ZoneId: labZoneId, 'Vpcs.1.VpcId': unboundVpc }, { method: 'POST' });
    await pvtz.request('AddZoneRecord', { ZoneId: labZoneId, Rr: 'www', Type: 'A', Value: '10.6.0.9' }, { method: 'POST' });
  }, 120_000);
  afterAll(async () => {
    await world.plinkd.stop();
  });

  const ask = async (question: Record<string, unknown>, token: string | undefined) =>
    getJson(`${world.plinkd.apiUrl}/v1/dns:lookup`, token, { method: 'POST', body: JSON.stringify(question) });

  it('a private name in the VPC bound to its zone: the records, the binding and the zone; dig from the bound address agrees', async () => {
    const { status, body } = await ask({ vpcId: world.network.vpcId, name: 'www.corp.example', type: 'A' }, API_TOKEN);
    expect(status).toBe(200);
    const answer = body as Explanation;
    expect(answer).toMatchObject({
      rcode: 'NOERROR',
      status: 'success',
      zone: { kind: 'privateZone', id: world.privateZoneId, origin: 'corp.example' },
    });
    expect(answer.view).toMatchObject({
      vpcId: world.network.vpcId,
      bindings: [{ bindingId: world.bindingId, sourceCidr: '127.0.0.2/32' }],
    });
    expect(answer.answer).toEqual(['www.corp.example. 60 IN A 10.5.9.9']);
    expect(answer.explanation.join('\n')).toContain(`${world.bindingId} 127.0.0.2/32`);
    expect(answer.explanation.join('\n')).toContain(`private zone ${world.privateZoneId} (corp.example), served to ${world.network.vpcId}`);
    // The real server, asked from the binding's address, answers the same.
    const real = await dig({ host: world.plinkd.dnsHost, port: world.plinkd.dnsPort }, ['-b', '127.0.0.2', 'www.corp.example', 'A']);
    expect(real.status).toBe('NOERROR');
    expect(real.answer.map((r) => `${r.name} ${r.ttl} ${r.class} ${r.type} ${r.data}`)).toEqual(answer.answer);
  });

  it('the same name from a VPC without a resolver binding: REFUSED, saying why and which zone holds it', async () => {
    const { body } = await ask({ vpcId: unboundVpc, name: 'www.corp.example' }, API_TOKEN);
    const answer = body as Explanation;
    expect(answer).toMatchObject({ rcode: 'REFUSED', status: 'notAuthoritative', zone: null, view: { vpcId: null, bindings: [] } });
    const why = answer.explanation.join('\n');
    expect(why).toContain(`${unboundVpc} has no resolver binding`);
    expect(why).toContain(
      `The private zone ${world.privateZoneId} (corp.example) holds it, but is bound to ${world.network.vpcId}, not ${unboundVpc}.`,
    );
    // A zone bound to the VPC does not help while its resolvers are not bound.
    const lab = (await ask({ vpcId: unboundVpc, name: 'www.lab.example' }, API_TOKEN)).body as Explanation;
    expect(lab.rcode).toBe('REFUSED');
    expect(lab.explanation.join('\n')).toContain(
      `The private zone ${labZoneId} (lab.example) holds it and is bound to ${unboundVpc}, but without a resolver binding no query carries ${unboundVpc}'s view.`,
    );
    // dig from an unbound source address gets REFUSED too.
    const real = await dig({ host: world.plinkd.dnsHost, port: world.plinkd.dnsPort }, ['-b', '127.0.0.3', 'www.corp.example', 'A']);
    expect(real.status).toBe('REFUSED');
  });

  it('an endpoint name is public: every view gets its addresses; an unknown name below it is NXDOMAIN', async () => {
    const { body } = await ask({ name: world.endpointDomain }, API_TOKEN);
    const answer = body as Explanation;
    expect(answer).toMatchObject({ rcode: 'NOERROR', zone: { kind: 'public', origin: 'cn-hangzhou.privatelink.aliyuncs.com' } });
    expect(answer.answer).toHaveLength(2);
    const missing = (await ask({ name: `ep-nothere.${world.endpointDomain.split('.').slice(1).join('.')}` }, API_TOKEN))
      .body as Explanation;
    expect(missing.rcode).toBe('NXDOMAIN');
    expect(missing.explanation.join('\n')).toContain('NXDOMAIN');
    const oss = (await ask({ vpcId: world.network.vpcId, name: 'bucket.oss-cn-hangzhou.aliyuncs.com' }, API_TOKEN)).body as Explanation;
    expect(oss).toMatchObject({ rcode: 'NOERROR', zone: { kind: 'oss' } });
  });

  it('refuses a malformed question and a missing token', async () => {
    expect(await ask({ name: 'www.corp.example' }, undefined)).toMatchObject({ status: 401 });
    expect(await ask({ vpcId: world.network.vpcId }, API_TOKEN)).toMatchObject({
      status: 400,
      body: { code: 'InvalidParameter', message: 'name: is required' },
    });
    expect(await ask({ name: 'a..b' }, API_TOKEN)).toMatchObject({ status: 400, body: { code: 'InvalidParameter' } });
    expect(await ask({ name: 'example.com', type: 'AXFR' }, API_TOKEN)).toMatchObject({ status: 400, body: { code: 'InvalidParameter' } });
    expect(await ask({ name: 'example.com', other: 1 }, API_TOKEN)).toMatchObject({
      status: 400,
      body: { message: 'other: unknown field' },
    });
  });
});
