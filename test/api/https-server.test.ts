import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, STRAY_BODY_BYTES, startHttpServer, type RunningHttpServer } from '../../src/api/http/http-server.js';
import { selfSignedCertificate, type SelfSignedPair } from '../../src/api/http/self-signed.js';
import { createLogger } from '../../src/log/logger.js';

/**
 * The HTTPS listener is the HTTP server behind TLS: the same routes, the same connection
 * cap (counted on the TLS sockets requests arrive on), and a handshake bounded by the
 * headers timeout, so a client that opens TCP and never speaks TLS is dropped.
 */
describe('HTTP server over TLS', () => {
  let pair: SelfSignedPair;
  let server: RunningHttpServer;

  beforeAll(async () => {
    pair = selfSignedCertificate('test', ['127.0.0.1'], 1);
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: [
        {
          paths: ['/*'],
          maxBodyBytes: STRAY_BODY_BYTES,
          serve: (request) =>
            request.path === '/slow'
              ? new Promise((resolve) => setTimeout(() => resolve(jsonResponse(200, { path: request.path, secure: true })), 500))
              : jsonResponse(200, { path: request.path, secure: true }),
        },
      ],
      log: createLogger('error', () => undefined),
      headersTimeoutMs: 600,
      maxConnections: 2,
      tls: { cert: pair.certPem, key: pair.keyPem },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const handshake = (): Promise<TLSSocket> =>
    new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: server.address.port, ca: pair.certPem }, () => resolve(socket));
      socket.once('error', reject);
    });

  const get = (socket: TLSSocket, path: string): Promise<string> =>
    new Promise((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\r\n\r\n') && text.endsWith('}')) resolve(text);
      });
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });

  it('answers through the routes over a verified TLS connection', async () => {
    const socket = await handshake();
    expect(socket.authorized).toBe(true);
    const reply = await get(socket, '/healthz');
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('{"path":"/healthz","secure":true}');
    socket.destroy();
  });

  it('drops a client that never starts the handshake, within the headers timeout', async () => {
    const started = Date.now();
    const closed = await new Promise<number>((resolve) => {
      const socket = tcpConnect(server.address.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('close', () => resolve(Date.now() - started));
    });
    expect(closed).toBeLessThan(5_000);
  });

  it('caps TLS connections: idle ones make way for a newcomer', async () => {
    const idle = [await handshake(), await handshake()];
    const closes = idle.map((s) => new Promise<void>((resolve) => s.once('close', () => resolve())));
    const newcomer = await handshake();
    expect(await get(newcomer, '/x')).toMatch(/^HTTP\/1\.1 200/);
    await Promise.race(closes);
    expect(server.connections()).toBeLessThanOrEqual(2);
    for (const s of [...idle, newcomer]) s.destroy();
  });

  it('caps TLS connections: busy ones are kept and the newcomer is refused', async () => {
    const busy = [await handshake(), await handshake()];
    const replies = busy.map((s) => get(s, '/slow'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await new Promise<boolean>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: server.address.port, ca: pair.certPem }, () => undefined);
      socket.once('error', () => resolve(true));
      socket.once('close', () => resolve(true));
      socket.once('secureConnect', () => socket.once('close', () => resolve(true)));
    });
    expect(refused).toBe(true);
    for (const reply of await Promise.all(replies)) expect(reply).toMatch(/^HTTP\/1\.1 200/);
    for (const s of busy) s.destroy();
  });
});
