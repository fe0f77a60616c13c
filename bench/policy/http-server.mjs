// A server for the HTTP bench, run as its own process (one core, like plinkd):
//   node http-server.mjs bare   — node:http answering a constant (after reading the body)
//   node http-server.mjs authz  — plinkd's HTTP server with its /v1 adapter (authzRoute) and the typical policy
// Prints "listening <port>" once ready; listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import { authzRoute } from '../../dist/api/http/authz-route.js';
import { startHttpServer } from '../../dist/api/http/http-server.js';
import { createLogger } from '../../dist/log/logger.js';
import { compilePolicy, validatePolicyDocument } from '../../dist/policy/index.js';
import { POLICY_TEXT } from './workload.mjs';

const mode = process.argv[2];
const token = process.env.PLINKD_BENCH_TOKEN ?? 'bench-token-0123456789';
const CONSTANT = JSON.stringify({ decision: 'Allow', statement: 2, sid: 'AppAccountFromPrivateNetworks' });

let listener;
if (mode === 'bare') {
  listener = (request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(CONSTANT) });
      response.end(CONSTANT);
    });
  };
} else if (mode === 'authz') {
  const validation = validatePolicyDocument(POLICY_TEXT);
  if (!validation.ok) throw new Error(validation.message);
  const endpoint = { compiled: compilePolicy(validation.document), vpcId: 'vpc-bench' };
  const source = { getEndpointPolicy: (id) => (id === 'ep-bench' ? endpoint : undefined) };
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: [authzRoute(source, [token])],
    log: createLogger('error', () => undefined),
    keepAliveTimeoutMs: 60_000,
  });
  console.log(`listening ${server.address.port}`);
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
} else {
  console.error('usage: http-server.mjs bare|authz');
  process.exit(2);
}

if (listener !== undefined) {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
