// One server of the HTTP-layer bench, run as its own process (one core, like plinkd):
//   node servers-under-test.mjs bare     — node:http answering a constant after reading the body (the ceiling)
//   node servers-under-test.mjs today    — plinkd's HTTP server as shipped (src/api/http/http-server.ts: fastify routing and
//                              body limits on plinkd's own http.Server) with its /v1 adapter
//   node servers-under-test.mjs fastify  — plain fastify 5 (its own server, reply.send) mounting the same /v1 routes
// All three answer POST /v1/authorize; the last two with the typical policy's real decision.
// Prints "listening <port>" once ready; listens on 127.0.0.1 only; SIGTERM stops it.
import { createServer } from 'node:http';
import { createAuthzRoutes, answerJson } from '../../dist/api/authz/index.js';
import { authzRoute, MAX_AUTHZ_BODY_BYTES } from '../../dist/api/http/authz-route.js';
import { startHttpServer } from '../../dist/api/http/http-server.js';
import { withV1AccessLog } from '../../dist/api/http/v1-access-log.js';
import { createLogger } from '../../dist/log/logger.js';
import { compilePolicy, validatePolicyDocument } from '../../dist/policy/index.js';
import { POLICY_TEXT } from '../policy/workload.mjs';

const mode = process.argv[2];
const token = process.env.PLINKD_BENCH_TOKEN ?? 'bench-token-0123456789';
const validation = validatePolicyDocument(POLICY_TEXT);
if (!validation.ok) throw new Error(validation.message);
const endpoint = { compiled: compilePolicy(validation.document), vpcId: 'vpc-bench' };
const source = { getEndpointPolicy: (id) => (id === 'ep-bench' ? endpoint : undefined) };
const ready = (port, stop) => {
  console.log(`listening ${port}`);
  process.on('SIGTERM', () => stop().then(() => process.exit(0)));
};

if (mode === 'bare') {
  const CONSTANT = JSON.stringify({ decision: 'Allow', statement: 2, sid: 'AppAccountFromPrivateNetworks' });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(CONSTANT) });
      response.end(CONSTANT);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => ready(server.address().port, () => new Promise((resolve) => server.close(resolve))));
} else if (mode === 'today') {
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    // As app.ts mounts it: behind the /v1 access log (which writes no line for an answered decision).
    routes: [withV1AccessLog(authzRoute(source, [token]), () => undefined)],
    log: createLogger('error', () => undefined),
    keepAliveTimeoutMs: 60_000,
  });
  ready(server.address.port, () => server.close());
} else if (mode === 'fastify') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
  // The routes stay framework-free: the body is handed over as bytes, as today.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const routes = createAuthzRoutes(source, [token]);
  app.route({
    method: ['GET', 'POST'],
    url: '/v1/*',
    bodyLimit: MAX_AUTHZ_BODY_BYTES,
    handler: (request, reply) => {
      const answer = routes.handle(request.method, request.url, request.headers.authorization, request.body ?? Buffer.alloc(0));
      if (answer === undefined) return reply.code(404).send({ code: 'NotFound', message: `no route for ${request.url}` });
      return reply.code(answer.status).type('application/json;charset=utf-8').send(answerJson(answer));
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  ready(app.server.address().port, () => app.close());
} else {
  console.error('usage: servers-under-test.mjs bare|today|fastify');
  process.exit(2);
}
