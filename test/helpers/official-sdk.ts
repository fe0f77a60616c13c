import * as openApiCore from '@alicloud/openapi-core';
import * as vpcSdk from '@alicloud/vpc20160428';
import * as $dara from '@darabonba/typescript';
import { ACCESS_KEYS, ACCOUNTS, VERSIONS, type AccountName, type Product } from './cloud.js';
import { startPlinkd, type PlinkdOptions, type PlinkdProcess } from './plinkd.js';
import { createTestCa } from './test-ca.js';

/**
 * Today's official Alibaba Cloud SDK (@alicloud/openapi-core and the generated product
 * clients on it) pointed at a plinkd. Only what a user must set is set: the endpoint, the
 * keys and the CA to trust; protocol and signature stay the SDK's defaults (https,
 * ACS3-HMAC-SHA256) unless a test asks for `signatureAlgorithm: 'v2'` or plain http.
 * `startSdkStack()` gives a plinkd on HTTPS (test CA) with clients for ACCESS_KEYS' accounts;
 * `callRpc` calls any RPC action the way the generated clients do.
 */
export interface SdkTarget {
  /** `host:port`, as the SDK's `endpoint` takes it (PlinkdProcess.apiHttpsEndpoint). */
  endpoint: string;
  /** PEM of the CA (or self-signed certificate) to trust, passed as the SDK's `ca`. */
  ca?: string;
}

export interface SdkOptions {
  /** The SDK's older signature (v1 HMAC-SHA1 parameters); undefined for its V3 default. */
  signatureAlgorithm?: 'v2';
  /** Defaults to the SDK's own (https). */
  protocol?: 'http' | 'https';
  /** Keys other than ACCOUNTS' (a fresh account, a wrong secret). */
  keys?: { accessKeyId: string; secret: string };
}

type Json = Record<string, unknown>;

// The packages are CommonJS with `exports.default = Client`: TypeScript (NodeNext) types the
// class as `namespace.default.default`, vitest's interop hands it over as `namespace.default`.
function cjsClass<C>(imported: unknown): C {
  return (typeof imported === 'function' ? imported : (imported as { default: unknown }).default) as C;
}
const { $OpenApiUtil, OpenApiUtil } = openApiCore;
const OpenApi = cjsClass<typeof openApiCore.default.default>(openApiCore.default);
type OpenApi = InstanceType<typeof openApiCore.default.default>;
const Vpc = cjsClass<typeof vpcSdk.default.default>(vpcSdk.default);
type Vpc = InstanceType<typeof vpcSdk.default.default>;
export type SdkConfig = InstanceType<typeof openApiCore.$OpenApiUtil.Config>;

export function sdkConfig(target: SdkTarget, account: AccountName, options: SdkOptions = {}): SdkConfig {
  const keys = options.keys ?? { accessKeyId: ACCOUNTS[account].accessKeyId, secret: ACCOUNTS[account].secret };
  return new $OpenApiUtil.Config({
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.secret,
    endpoint: target.endpoint,
    ...(target.ca === undefined ? {} : { ca: target.ca }),
    ...(options.signatureAlgorithm === undefined ? {} : { signatureAlgorithm: options.signatureAlgorithm }),
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
    // The SDK's default read timeout (10 s) is ample; a loaded CI machine still gets margin.
    readTimeout: 20_000,
  });
}

/** The generated, typed VPC client (@alicloud/vpc20160428). */
export type OfficialVpcClient = Vpc;
export type OfficialClient = OpenApi;

export function officialVpcClient(target: SdkTarget, account: AccountName, options: SdkOptions = {}): Vpc {
  return new Vpc(sdkConfig(target, account, options));
}

/** The generic client, for products without a published TypeScript package (Privatelink, PrivateZone). */
export function officialClient(target: SdkTarget, account: AccountName, options: SdkOptions = {}): OpenApi {
  return new OpenApi(sdkConfig(target, account, options));
}

export interface RpcCall {
  /** Parameters the generated client puts in the query (`in: query`), lists as arrays/objects. */
  query?: Json;
  /** Parameters it sends as a form body (`in: formData`, e.g. Privatelink TagResources). */
  body?: Json;
  method?: 'GET' | 'POST';
}

/**
 * One RPC action through `callApi`, built exactly as the generated clients build it
 * (privatelink-20200415/src/client.ts of alibabacloud-typescript-sdk): query through
 * `OpenApiUtil.query`, body flattened the same way, `Params` of style RPC over HTTPS.
 * Returns the response body.
 */
export async function callRpc(client: OpenApi, product: Product, action: string, call: RpcCall = {}): Promise<Json> {
  const request = new $OpenApiUtil.OpenApiRequest({
    ...(call.query === undefined ? {} : { query: OpenApiUtil.query(call.query) }),
    ...(call.body === undefined ? {} : { body: OpenApiUtil.parseToMap(OpenApiUtil.query(call.body)) }),
  });
  const params = new $OpenApiUtil.Params({
    action,
    version: VERSIONS[product],
    protocol: 'HTTPS',
    pathname: '/',
    method: call.method ?? 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const response = await client.callApi(params, request, new $dara.RuntimeOptions({}));
  return response['body'] as Json;
}

/** A typed error of the SDK (ClientError / ServerError): the cloud's code and body. */
export interface OfficialSdkError {
  code: string;
  statusCode: number;
  message: string;
  data: { Code: string; Message: string; RequestId: string; HostId: string; Recommend: string };
}

/** The typed error a call ends with; fails the test if it succeeded or failed otherwise. */
export async function sdkFailure(pending: Promise<unknown>): Promise<OfficialSdkError> {
  try {
    await pending;
  } catch (err) {
    const e = err as Partial<OfficialSdkError>;
    if (typeof e.code === 'string' && typeof e.statusCode === 'number' && typeof e.data === 'object') return e as OfficialSdkError;
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A plinkd serving HTTPS with a certificate from a fresh test CA, and SDK clients that trust it. */
export interface SdkStack {
  plinkd: PlinkdProcess;
  target: SdkTarget;
  vpc(account: AccountName, options?: SdkOptions): Vpc;
  client(account: AccountName, options?: SdkOptions): OpenApi;
  stop(): Promise<void>;
}

/** Starts it (ACCESS_KEYS' accounts unless `plinkd.accessKeys` says otherwise). */
export async function startSdkStack(plinkd: PlinkdOptions = {}): Promise<SdkStack> {
  const ca = await createTestCa();
  try {
    const server = await startPlinkd({ accessKeys: ACCESS_KEYS, ...plinkd, https: { certPath: ca.certPath, keyPath: ca.keyPath } });
    const target: SdkTarget = { endpoint: server.apiHttpsEndpoint!, ca: ca.caPem };
    return {
      plinkd: server,
      target,
      vpc: (account, options) => officialVpcClient(target, account, options),
      client: (account, options) => officialClient(target, account, options),
      async stop() {
        await server.stop();
        await ca.remove();
      },
    };
  } catch (err) {
    await ca.remove();
    throw err;
  }
}
