import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../../log/logger.js';
import { ConnectionCap } from './connection-cap.js';

export interface HttpRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  /** Names and values as received (repeated headers kept apart), for signature V3. */
  rawHeaders: readonly string[];
  body: Buffer;
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  /** Further response headers (e.g. cache-control, content-security-policy). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * An answer written over time (server-sent events): the head goes out at once,
 * then `open` is handed a sink to write to until the client leaves or `end()`.
 */
export interface HttpStreamResponse {
  status: number;
  contentType: string;
  headers?: Readonly<Record<string, string>>;
  open(sink: HttpStreamSink): void;
}

export interface HttpStreamSink {
  /** Writes a chunk; false once the client's socket has this much unsent data buffered. */
  write(text: string): boolean;
  /** Bytes written but not yet taken by the socket (a slow or stalled client). */
  readonly bufferedBytes: number;
  end(): void;
  /** Called once, when the stream ends (client gone, `end()`, server closing). */
  onClose(listener: () => void): void;
}

export type HttpAnswer = HttpResponse | HttpStreamResponse;

/**
 * One route, declared with the paths it answers and the largest body it takes (fastify
 * routes the request and reads the body, docs/design/http.md). Which route answers is decided
 * on the request line alone, so its body limit is known before a body byte is read: a request
 * declaring more (Content-Length) is refused at once, and a chunked one as soon as its bytes
 * pass the limit — both 413 `RequestTooLarge`, connection closed.
 */
export interface HttpRoute {
  /** The paths it answers, in fastify's URL syntax (`/v1/*`; a literal colon is `::`). */
  paths: readonly string[];
  maxBodyBytes: number;
  /** The answer, or undefined for a 404. */
  serve(request: HttpRequest): Promise<HttpAnswer | undefined> | HttpAnswer | undefined;
  /** The 413 answer in this route's error shape (default: `{code, message}` JSON). */
  tooLarge?(limit: number): HttpResponse;
}

/**
 * The limit of routes that take no body (GET): a small stray one is read and ignored, so a
 * wrong method still gets the route's 405 rather than a 413.
 */
export const STRAY_BODY_BYTES = 1024;

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: readonly HttpRoute[];
  log: Logger;
  /** Open connections kept; see connection-cap.ts (default 1024). */
  maxConnections?: number;
  /** A client must send all its headers within this (default 10 s), however slowly it trickles them. */
  headersTimeoutMs?: number;
  /** … and its whole request within this (default 30 s). */
  requestTimeoutMs?: number;
  /** An idle kept-alive connection is closed after this, plus Node's 1 s margin (default 72 s, see below). */
  keepAliveTimeoutMs?: number;
  /** Serve HTTPS with this certificate and key (PEM) instead of plain HTTP. */
  tls?: { cert: string; key: string };
}

export interface RunningHttpServer {
  address: AddressInfo;
  /** Connections open now. */
  connections(): number;
  close(): Promise<void>;
}

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

export function jsonResponse(status: number, body: unknown): HttpResponse {
  return { status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body) };
}

/** The API port: cloud RPC at `/`, the policy API under `/v1/`, `/healthz`, `/metrics`. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const serverOptions: ServerOptions = {
    headersTimeout,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS,
    // Node enforces the two timeouts above only when it sweeps its connections
    // (every 30 s by default), which would let a slow client stay up to 30 s late.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeout / 2)),
  };
  // One https.Server is an http.Server behind TLS: the same handler, timeouts and cap.
  // A TLS handshake must finish within the headers timeout, so a client that never
  // completes it holds no socket longer than a slow HTTP client could.
  const server: Server =
    options.tls === undefined
      ? createServer(serverOptions)
      : (createTlsServer({ ...serverOptions, ...options.tls, handshakeTimeout: headersTimeout }) as unknown as Server);
  const cap = new ConnectionCap(options.maxConnections ?? 1024);
  // Requests arrive on the TLS socket, which wraps the TCP one: count the socket requests see.
  cap.attach(server, options.tls === undefined ? 'connection' : 'secureConnection');
  closeIdleAfterReading(server);

  const fail = (res: ServerResponse, err: unknown): void => {
    options.log.error('http handler failed', { err });
    if (!res.headersSent) send(res, jsonResponse(500, { code: 'InternalError', message: 'internal error' }), true);
    else res.destroy();
  };

  // fastify routes and reads bodies (with each route's limit, docs/design/http.md) on the
  // server made above, so its timeouts, TLS handshake bound and connection cap stay as they are.
  const app = Fastify({
    serverFactory: (handler) => {
      server.on('request', handler);
      return server;
    },
    keepAliveTimeout: serverOptions.keepAliveTimeout,
    requestTimeout: serverOptions.requestTimeout,
    exposeHeadRoutes: false,
    return503OnClosing: false,
    logger: false,
  });
  app.removeAllContentTypeParsers();
  // Routes take the body as bytes (form, JSON or anything): they judge it themselves.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', (request, reply, done) => {
    cap.noteRequest(request.raw.socket, reply.raw);
    done();
  });
  const EMPTY = Buffer.alloc(0);
  for (const route of options.routes) {
    const handler = (request: FastifyRequest, reply: FastifyReply): void => {
      // Answers are written to the raw response, as before: also a stream (server-sent events).
      reply.hijack();
      const res = reply.raw;
      const url = request.raw.url ?? '/';
      const q = url.indexOf('?');
      const body = request.body;
      const httpRequest: HttpRequest = {
        method: request.raw.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        headers: request.raw.headers,
        rawHeaders: request.raw.rawHeaders,
        body: Buffer.isBuffer(body) ? body : EMPTY,
        remoteAddress: request.raw.socket.remoteAddress ?? '',
      };
      try {
        const answer = route.serve(httpRequest);
        if (answer instanceof Promise) {
          answer.then(
            (response) => send(res, response ?? notFound(httpRequest.method, httpRequest.path), false),
            (err: unknown) => fail(res, err),
          );
        } else send(res, answer ?? notFound(httpRequest.method, httpRequest.path), false);
      } catch (err) {
        fail(res, err);
      }
    };
    for (const url of route.paths) {
      app.route({
        method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
        url,
        bodyLimit: route.maxBodyBytes,
        handler,
        // A body over the route's limit, declared or streamed: one 413, then the connection
        // closed once the client stops sending (see refuseBody).
        errorHandler: (error, request, reply) => {
          reply.hijack();
          if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
            refuseBody(request.raw, reply.raw, route.tooLarge?.(route.maxBodyBytes) ?? requestTooLarge(route.maxBodyBytes));
          else if ((error as { statusCode?: number }).statusCode === 400)
            send(reply.raw, jsonResponse(400, { code: 'InvalidParameter', message: `request body: ${error.message}` }), true);
          else fail(reply.raw, error);
        },
      });
    }
  }
  app.setNotFoundHandler((request, reply) => {
    reply.hijack();
    const url = request.raw.url ?? '/';
    const q = url.indexOf('?');
    // No route reads this body: answer at once, and close once the client stops sending it.
    const answer = notFound(request.raw.method ?? 'GET', q < 0 ? url : url.slice(0, q));
    if (hasBody(request.raw)) refuseBody(request.raw, reply.raw, answer);
    else send(reply.raw, answer, false);
  });
  await app.ready();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    connections: () => cap.open,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * How long a kept-alive connection may sit idle: fastify's default, above the 60 s idle limit of
 * common load balancers and client pools, so that they close first. A client pool that never
 * closes an idle socket (the cloud's Node SDKs on Node 20, whose agent ignores the server's
 * `Keep-Alive: timeout` hint unless given a timeout of its own) can send a request just as the
 * server closes the socket, and sees ECONNRESET: the longer the timeout, the rarer that is.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * Node closes a kept-alive connection when its idle timer fires (the socket's 'timeout'), and
 * after a held-up event loop (a long collection, a large batch applied) the timers run before
 * any socket is read: a request that arrived meanwhile, unread, would be answered with a TCP
 * reset. With a listener on the server, Node leaves the socket to it: it is closed one turn
 * later, after pending input has been read, and only if nothing came in — a request that did is
 * served, and the idle timer starts again after its response. Server timeouts (`server.timeout`)
 * stay 0, so this timer is only ever the keep-alive one.
 */
function closeIdleAfterReading(server: Server): void {
  server.on('timeout', (socket: Socket) => {
    const read = socket.bytesRead;
    setImmediate(() => {
      if (!socket.destroyed && socket.bytesRead === read) socket.destroy();
    });
  });
}

/** The one 413 of the HTTP port (the cloud's code for it, src/errors/catalogue.ts). */
export function requestTooLarge(limit: number): HttpResponse {
  return jsonResponse(413, { code: 'RequestTooLarge', message: `this route takes bodies of at most ${limit} bytes` });
}

function notFound(method: string, path: string): HttpResponse {
  return jsonResponse(404, { code: 'NotFound', message: `no route for ${method} ${path}` });
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
}

/**
 * How a refused body is let go ("lingering close", as nginx does it): closing a socket with unread
 * input makes the kernel answer with a TCP reset, which can reach the client before the response
 * does — it then sees EPIPE or ECONNRESET instead of the 413. So the answer is written at once,
 * what the client still sends is read and dropped, and the connection is closed when the body
 * ends, the client has been quiet for LINGER_IDLE_MS, LINGER_MAX_MS have passed, or more than
 * LINGER_BYTES came (a client declaring more than that is not waited for).
 */
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_IDLE_MS = 1000;
const LINGER_MAX_MS = 10_000;

function refuseBody(req: IncomingMessage, res: ServerResponse, response: HttpResponse): void {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (req.complete || declared > LINGER_BYTES) {
    send(res, response, true);
    return;
  }
  // The whole answer goes out now; ending the response (which closes the connection) waits.
  writeHead(res, response, true);
  res.write(response.body);
  let dropped = 0;
  const close = (): void => {
    clearTimeout(idle);
    clearTimeout(deadline);
    req.off('data', drop);
    if (!res.writableEnded) res.end();
  };
  const idle = setTimeout(close, LINGER_IDLE_MS);
  const deadline = setTimeout(close, LINGER_MAX_MS);
  const drop = (chunk: Buffer): void => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) return close();
    idle.refresh();
  };
  req.on('data', drop);
  req.once('end', close);
  req.once('close', close);
  req.resume();
}

function send(res: ServerResponse, response: HttpAnswer, close: boolean): void {
  if ('open' in response) {
    openStream(res, response);
    return;
  }
  writeHead(res, response, close);
  res.end(response.body);
}

function writeHead(res: ServerResponse, response: HttpResponse, close: boolean): void {
  const length = Buffer.byteLength(response.body);
  const head: Record<string, string | number> = { ...response.headers, 'content-type': response.contentType, 'content-length': length };
  if (close) head['connection'] = 'close';
  res.writeHead(response.status, head);
}

function openStream(res: ServerResponse, response: HttpStreamResponse): void {
  // No content-length: the body is chunked and ends when the stream does.
  res.writeHead(response.status, { ...response.headers, 'content-type': response.contentType });
  res.flushHeaders();
  const listeners: Array<() => void> = [];
  let closed = false;
  const closeOnce = (): void => {
    if (closed) return;
    closed = true;
    for (const listener of listeners) listener();
  };
  res.once('close', closeOnce);
  response.open({
    write: (text) => !closed && res.write(text),
    get bufferedBytes() {
      return res.writableLength;
    },
    end: () => {
      if (!closed) res.end();
      closeOnce();
    },
    onClose: (listener) => {
      if (closed) listener();
      else listeners.push(listener);
    },
  });
}
