// Today's official SDK against plinkd, on its defaults (https, signature V3):
//   plinkd serve --api-https 127.0.0.1:8443     # prints NODE_EXTRA_CA_CERTS=… once
//   NODE_EXTRA_CA_CERTS=~/.local/state/plinkd/api-tls-cert.pem node examples/sdk-quickstart.mjs
import Vpc, * as $Vpc from '@alicloud/vpc20160428';
import { $OpenApiUtil } from '@alicloud/openapi-core';

const vpc = new Vpc.default(
  new $OpenApiUtil.Config({
    endpoint: process.env.PLINKD_ENDPOINT ?? '127.0.0.1:8443',
    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  }),
);
const created = await vpc.createVpc(new $Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', cidrBlock: '10.0.0.0/16' }));
const { body } = await vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou', vpcId: created.body.vpcId }));
console.log(`created ${created.body.vpcId}: ${body.vpcs.vpc[0].cidrBlock}, ${body.totalCount} VPC`);
