/**
 * The signing functions of the cloud's RPC API, pure and in one place for the server and
 * for clients (CLI, tests): signature v1 (HMAC-SHA1 over the parameters, @alicloud/pop-core
 * and the SDKs' `signatureAlgorithm: 'v2'`) and signature V3 (ACS3-HMAC-SHA256 in the
 * Authorization header, the generated SDKs' default). docs/design/signatures.md.
 */
export * from './signature-v1.js';
export * from './signature-v3.js';
