// A 30-second tour of plinkd with the cloud's own client, @alicloud/pop-core.
// Usage: npm start   (in another shell; it prints the export lines to paste here)
//        node examples/tour.mjs [api-url]
// Reads: ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET (or the first key of PLINKD_ACCESS_KEYS),
//        PLINKD_API (default http://127.0.0.1:8080), PLINKD_DNS (default 127.0.0.1:5300, for the hint),
//        ALIBABA_CLOUD_REGION_ID (default cn-hangzhou; zones <region>-h and -i, or PLINKD_ZONES=a,b).
// Any failure ends with one line on stderr and exit 1 (2 for missing settings).
import RPCClient from '@alicloud/pop-core';

const fail = (message, code = 1) => {
  console.error(`tour: ${message}`);
  process.exit(code);
};
// A rejected top-level await ends the module as an uncaught exception: one line, not a stack.
process.on('uncaughtException', (err) => {
  const { code, message } = err ?? {};
  const text = String(message ?? err).split('\n')[0];
  if (/ECONNREFUSED/.test(text)) fail(`cannot reach plinkd at ${endpoint} (is it running? PLINKD_API sets the address)`);
  fail(code === undefined ? text : `${code}: ${text}`);
});

const endpoint = process.argv[2] ?? process.env.PLINKD_API ?? 'http://127.0.0.1:8080';
const dnsAddress = process.env.PLINKD_DNS ?? '127.0.0.1:5300';
const [, keyFromList, secretFromList] = (process.env.PLINKD_ACCESS_KEYS ?? '').split(',')[0].split(':');
const accessKeyId = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID || keyFromList;
const accessKeySecret = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET || secretFromList;
if (!accessKeyId || !accessKeySecret)
  fail('set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (the export line npm start printed), or PLINKD_ACCESS_KEYS', 2);
const RegionId = process.env.ALIBABA_CLOUD_REGION_ID || 'cn-hangzhou';
const zoneSuffixes = (process.env.PLINKD_ZONES || (RegionId === 'cn-hangzhou' ? 'h,i' : 'a,b')).split(',');
const [dnsHost, dnsPort] = dnsAddress.split(/:(?=\d+$)/);
const client = (apiVersion) => new RPCClient({ endpoint, apiVersion, accessKeyId, accessKeySecret });
const vpc = client('2016-04-28');
const privatelink = client('2020-04-15');
const call = (c, action, params = {}) => c.request(action, { RegionId, ...params }, { method: 'POST' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// PrivateLink is opened once per account before services and endpoints are created, as in the cloud.
await call(privatelink, 'OpenPrivateLinkService').catch((err) => {
  if (err.code !== 'OrderOpend') throw err;
});
const { VpcId } = await call(vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' });
const zones = zoneSuffixes.map((suffix) => `${RegionId}-${suffix.trim()}`);
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
console.log(`\ntry: dig @${dnsHost} -p ${dnsPort ?? 53} ${EndpointDomain} A +norec`);
