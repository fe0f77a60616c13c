// A 30-second tour of plinkd with the cloud's own client, @alicloud/pop-core.
// Usage: PLINKD_ACCESS_KEYS=<uid>:<id>:<secret>[:operator] npm start   (in another shell)
//        node examples/tour.mjs [http://127.0.0.1:8080]
import RPCClient from '@alicloud/pop-core';

const endpoint = process.argv[2] ?? 'http://127.0.0.1:8080';
const [, accessKeyId, accessKeySecret] = (process.env.PLINKD_ACCESS_KEYS ?? '').split(',')[0].split(':');
if (!accessKeyId || !accessKeySecret) {
  console.error('set PLINKD_ACCESS_KEYS (the same value plinkd was started with)');
  process.exit(2);
}
const client = (apiVersion) => new RPCClient({ endpoint, apiVersion, accessKeyId, accessKeySecret });
const vpc = client('2016-04-28');
const privatelink = client('2020-04-15');
const RegionId = 'cn-hangzhou';
const call = (c, action, params = {}) => c.request(action, { RegionId, ...params }, { method: 'POST' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// PrivateLink is opened once per account before services and endpoints are created, as in the cloud.
await call(privatelink, 'OpenPrivateLinkService').catch((err) => {
  if (err.code !== 'OrderOpend') throw err;
});
const { VpcId } = await call(vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' });
const zones = ['cn-hangzhou-h', 'cn-hangzhou-i'];
const vSwitches = [];
for (const [i, ZoneId] of zones.entries()) {
  const { VSwitchId } = await call(vpc, 'CreateVSwitch', { VpcId, ZoneId, CidrBlock: `10.0.${i}.0/24` });
  vSwitches.push(VSwitchId);
}
const resources = Object.fromEntries(
  zones.flatMap((ZoneId, i) => [
    [`Resource.${i + 1}.ResourceId`, `nlb-tour${i}`],
    [`Resource.${i + 1}.ResourceType`, 'nlb'],
    [`Resource.${i + 1}.ZoneId`, ZoneId],
  ]),
);
const { ServiceId } = await call(privatelink, 'CreateVpcEndpointService', {
  ServiceResourceType: 'nlb',
  AutoAcceptEnabled: true,
  ...resources,
});
while ((await call(privatelink, 'GetVpcEndpointServiceAttribute', { ServiceId })).ServiceStatus !== 'Active') await sleep(100);
const zoneParams = Object.fromEntries(
  zones.flatMap((ZoneId, i) => [
    [`Zone.${i + 1}.ZoneId`, ZoneId],
    [`Zone.${i + 1}.VSwitchId`, vSwitches[i]],
  ]),
);
const { EndpointId, EndpointDomain } = await call(privatelink, 'CreateVpcEndpoint', {
  VpcId,
  ServiceId,
  'SecurityGroupId.1': 'sg-tour',
  ...zoneParams,
});
let status;
do {
  await sleep(100);
  status = await call(privatelink, 'GetVpcEndpointAttribute', { EndpointId });
} while (status.ConnectionStatus !== 'Connected');
const { Zones } = await call(privatelink, 'ListVpcEndpointZones', { EndpointId });
console.log(`service   ${ServiceId}`);
console.log(`endpoint  ${EndpointId}  ${status.EndpointStatus}/${status.ConnectionStatus}`);
console.log(`region-wide name: ${EndpointDomain}`);
for (const zone of Zones) console.log(`zonal name:       ${zone.ZoneDomain}  → ${zone.EniIp}`);
console.log(`\ntry: dig @127.0.0.1 -p 5300 ${EndpointDomain} A +norec`);
