import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
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
}

/** A route answers, or returns undefined to let the next route try. */
export type HttpRoute = (request: HttpRequest) => Promise<HttpResponse | undefined> | HttpResponse | undefined;

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: readonly HttpRoute[];
  log: Logger;
  /** Bodies above this are refused with 413 before they are read in full (docs/reliability.md). */
  maxBodyBytes?: number;
  /** Open connections kept; see connection-cap.ts (default 1024). */
  maxConnections?: number;
  /** A client must send all its headers within this (default 10 s), however slowly it trickles them. */
  headersTimeoutMs?: number;
  /** … and its whole request within this (default 30 s). */
  requestTimeoutMs?: number;
  /** An idle kept-alive connection is closed after this (default 5 s). */
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
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const serverOptions: ServerOptions = {
    headersTimeout,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
    // Node enforces the two timeouts above only when it sweeps its connections
    // (every 30 s by default), which would let a slow client stay up to 30 s late.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeout / 2)),
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => handle(req, res);
  // One https.Server is an http.Server behind TLS: the same handler, timeouts and cap.
  // A TLS handshake must finish within the headers timeout, so a client that never
  // completes it holds no socket longer than a slow HTTP client could.
  const server: Server =
    options.tls === undefined
      ? createServer(serverOptions, listener)
      : (createTlsServer({ ...serverOptions, ...options.tls, handshakeTimeout: headersTimeout }, listener) as unknown as Server);
  const cap = new ConnectionCap(options.maxConnections ?? 1024);
  // Requests arrive on the TLS socket, which wraps the TCP one: count the socket requests see.
  cap.attach(server, options.tls === undefined ? 'connection' : 'secureConnection');

  const tooLarge = (res: ServerResponse): void =>
    send(res, jsonResponse(413, { code: 'RequestTooLarge', message: `bodies are limited to ${maxBodyBytes} bytes` }), true);

  const fail = (res: ServerResponse, err: unknown): void => {
    options.log.error('http handler failed', { err });
    if (!res.headersSent) send(res, jsonResponse(500, { code: 'InternalError', message: 'internal error' }), true);
    else res.destroy();
  };

  /**
   * Tries the routes from `first` on. Routes that answer synchronously are
   * called in the same turn (no promise per route: /v1/authorize is a hot
   * path, docs/design/performance.md); the first route returning a promise continues after it.
   */
  const route = (request: HttpRequest, res: ServerResponse, first: number): void => {
    for (let i = first; i < options.routes.length; i++) {
      const answer = options.routes[i]!(request);
      if (answer instanceof Promise) {
        answer.then(
          (response) => (response !== undefined ? send(res, response, false) : route(request, res, i + 1)),
          (err: unknown) => fail(res, err),
        );
        return;
      }
      if (answer !== undefined) {
        send(res, answer, false);
        return;
      }
    }
    send(res, jsonResponse(404, { code: 'NotFound', message: `no route for ${request.method} ${request.path}` }), false);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    cap.noteRequest(req.socket, res);
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBodyBytes) {
      tooLarge(res);
      return;
    }
    readBody(req, maxBodyBytes, (body) => {
      if (body === null) {
        tooLarge(res);
        return;
      }
      try {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const request: HttpRequest = {
          method: req.method ?? 'GET',
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          body,
          remoteAddress: req.socket.remoteAddress ?? '',
        };
        route(request, res, 0);
      } catch (err) {
        fail(res, err);
      }
    });
  };

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

function send(res: ServerResponse, response: HttpResponse, close: boolean): void {
  const length = Buffer.byteLength(response.body);
  if (close) res.writeHead(response.status, { 'content-type': response.contentType, 'content-length': length, connection: 'close' });
  else res.writeHead(response.status, { 'content-type': response.contentType, 'content-length': length });
  res.end(response.body);
}

/**
 * Reads the body and hands it to `done`, or null as soon as it exceeds the limit: the caller
 * answers 413 with `connection: close` at once, rather than reading (and
 * discarding) an endless upload until the request timeout.
 */
function readBody(req: IncomingMessage, limit: number, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > limit) {
      req.off('data', onData);
      chunks.length = 0;
      finished = true;
      done(null);
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => {
    if (finished) return;
    finished = true;
    // One chunk (the usual small body) is used as it is, without a copy.
    done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  });
  // A request that errors (the client went away) gets no answer: its socket is gone.
  req.on('error', () => undefined);
}
