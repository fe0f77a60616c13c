import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, startHttpServer, type RunningHttpServer } from '../../src/api/http/http-server.js';
import { createLogger } from '../../src/log/logger.js';
import { sleep } from './support.js';

const MAX_CONNECTIONS = 20;
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const MAX_BODY = 64 * 1024;

/**
 * docs/reliability.md for the HTTP port (the cloud API, /v1, /healthz): bodies bounded,
 * slow clients timed out without holding up anyone else, idle connections
 * capped. Real sockets against the real server module, with short timeouts so
 * the test is quick (plinkd itself uses 10 s / 30 s and --http-max-connections).
 */
describe('the HTTP server under hostile clients', () => {
  let server: RunningHttpServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: [
        {
          paths: ['/ping'],
          maxBodyBytes: MAX_BODY,
          serve: (request) => jsonResponse(200, { pong: true, bytes: request.body.length }),
        },
      ],
      log: createLogger('error', () => undefined),
      maxConnections: MAX_CONNECTIONS,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.close();
  });

  const url = (): string => `http://127.0.0.1:${server.address.port}/ping`;

  function open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.address.port }, () => resolve(socket));
      socket.on('error', () => undefined);
      socket.once('error', reject);
      sockets.push(socket);
    });
  }

  /** Everything the server sends until it closes the socket (bounded by `timeoutMs`). */
  function readUntilClosed(socket: Socket, timeoutMs: number): Promise<{ text: string; closed: boolean }> {
    return new Promise((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      const timer = setTimeout(() => resolve({ text, closed: false }), timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve({ text, closed: true });
      });
    });
  }

  async function quickPing(): Promise<number> {
    const started = Date.now();
    const response = await fetch(url(), { signal: AbortSignal.timeout(2000) });
    expect(response.status).toBe(200);
    await response.text();
    return Date.now() - started;
  }

  it('refuses a declared oversized body with 413 before reading it', async () => {
    const socket = await open();
    const reply = readUntilClosed(socket, 3000);
    socket.write(`POST /ping HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${10 * MAX_BODY}\r\n\r\n`);
    const { text, closed } = await reply;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('RequestTooLarge');
    expect(closed).toBe(true);
  });

  it('cuts off a chunked body at the limit with 413, however much more the client would send', async () => {
    const socket = await open();
    const reply = readUntilClosed(socket, 3000);
    socket.write('POST /ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = 'x'.repeat(16 * 1024);
    // Bounded: at most 40 chunks (10 × the limit), stopping once the server answered.
    for (let i = 0; i < 40 && !socket.destroyed; i++) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      await sleep(5);
    }
    const { text, closed } = await reply;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(closed).toBe(true);
    expect(await quickPing()).toBeLessThan(1000);
  });

  it('reads and drops the rest of a refused body, so the client gets its 413 and not a reset', async () => {
    const socket = await open();
    let text = '';
    const answered = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('RequestTooLarge')) resolve();
      }),
    );
    let bodySent = false;
    let closedBeforeBodySent = false;
    const ended = new Promise<void>((resolve) =>
      socket.once('end', () => {
        closedBeforeBodySent = !bodySent;
        resolve();
      }),
    );
    const total = 4 * MAX_BODY;
    socket.write(`POST /ping HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${total}\r\n\r\n`);
    socket.write('x'.repeat(2 * MAX_BODY));
    await answered;
    // The server has answered; the client, as fetch does, goes on sending the body it declared.
    // Had the server closed by now, its kernel would reset the connection on these bytes, and a
    // client still writing sees EPIPE or ECONNRESET rather than the 413.
    await sleep(100);
    for (let sent = 2 * MAX_BODY; sent < total && !socket.destroyed; sent += MAX_BODY / 4) {
      bodySent = sent + MAX_BODY / 4 >= total;
      socket.write('x'.repeat(MAX_BODY / 4));
      await sleep(10);
    }
    await ended;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(closedBeforeBodySent).toBe(false);
    expect(await quickPing()).toBeLessThan(1000);
  });

  it('times out clients that trickle their headers, while others are served at once', async () => {
    const slow = await Promise.all(Array.from({ length: 8 }, () => open()));
    const outcomes = slow.map((socket) => readUntilClosed(socket, HEADERS_TIMEOUT_MS * 4));
    const started = Date.now();
    let trickling = true;
    const trickle = (async () => {
      const header = 'GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
      // Bounded: one byte per socket every 100 ms, for at most the header's length.
      for (let i = 0; trickling && i < header.length; i++) {
        for (const socket of slow) if (!socket.destroyed) socket.write(header[i]!);
        await sleep(100);
      }
    })();
    for (let i = 0; i < 5; i++) {
      expect(await quickPing()).toBeLessThan(HEADERS_TIMEOUT_MS);
      await sleep(100);
    }
    const results = await Promise.all(outcomes);
    trickling = false;
    await trickle;
    for (const result of results) expect(result.closed).toBe(true);
    // headersTimeout plus at most one connection sweep (half of it) and slack.
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS * 3);
    expect(results.some((r) => r.text.startsWith('HTTP/1.1 408'))).toBe(true);
  });

  it('keeps at most maxConnections open: idle ones are evicted, and real callers still get in', async () => {
    const idle: Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS * 5; i++) idle.push(await open());
    // Some finish a keep-alive request first and then sit idle too.
    for (const socket of idle.slice(-5)) socket.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n');
    await sleep(200);
    expect(server.connections()).toBeLessThanOrEqual(MAX_CONNECTIONS);
    for (let i = 0; i < 5; i++) expect(await quickPing()).toBeLessThan(HEADERS_TIMEOUT_MS);
    expect(server.connections()).toBeLessThanOrEqual(MAX_CONNECTIONS);
    await sleep(100);
    expect(idle.filter((s) => s.destroyed || s.readableEnded).length).toBeGreaterThanOrEqual(MAX_CONNECTIONS * 4);
    for (const socket of idle) socket.destroy();
  });

  it('refuses a newcomer only while every connection is busy with a request', async () => {
    const busy: Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) {
      const socket = await open();
      // Headers complete, body never sent: a request in progress until requestTimeout.
      socket.write('POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n');
      busy.push(socket);
    }
    await sleep(200);
    const newcomer = await open();
    const refused = await readUntilClosed(newcomer, 2000);
    expect(refused).toEqual({ text: '', closed: true });
    // The busy ones are timed out (408) and the port serves again.
    await sleep(REQUEST_TIMEOUT_MS + 1200);
    expect(await quickPing()).toBeLessThan(HEADERS_TIMEOUT_MS);
    for (const socket of busy) socket.destroy();
  });
});
