import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse, startHttpServer, type RunningHttpServer } from '../../src/api/http/http-server.js';
import { createLogger } from '../../src/log/logger.js';
import { sleep } from './support.js';

const KEEP_ALIVE_MS = 300;
/** Node closes an idle socket this long after the advertised keep-alive timeout. */
const NODE_MARGIN_MS = 1000;
const REQUEST = 'GET /ping HTTP/1.1\r\nHost: x\r\n\r\n';

/**
 * A kept-alive connection is closed when idle, never under a request that has
 * arrived (docs/reliability.md). When the event loop is held up (a long
 * collection, a large batch) past a connection's idle deadline while the
 * client's next request sits unread in the socket, the idle timer fires first
 * on resuming; closing then would answer the request with a TCP reset — the
 * ECONNRESET a cloud client must never see from a healthy server.
 */
describe('kept-alive connections and a held-up event loop', () => {
  let server: RunningHttpServer | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.close();
  });

  async function start(): Promise<number> {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: [{ paths: ['/ping'], maxBodyBytes: 1024, serve: () => jsonResponse(200, { pong: true }) }],
      log: createLogger('error', () => undefined),
      keepAliveTimeoutMs: KEEP_ALIVE_MS,
    });
    return server.address.port;
  }

  /** A raw client socket and everything it receives, with how it ended. */
  async function client(port: number): Promise<{ socket: Socket; received: () => string; ended: Promise<string> }> {
    const socket = connect({ host: '127.0.0.1', port });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    const ended = new Promise<string>((resolve) => {
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      socket.once('close', () => resolve('closed'));
    });
    return { socket, received: () => text, ended };
  }

  const responses = (text: string): number => text.split('HTTP/1.1 200').length - 1;

  it('serves a request that arrived while the loop was held past the idle deadline', async () => {
    const { socket, received, ended } = await client(await start());
    socket.write(REQUEST);
    for (let i = 0; i < 100 && responses(received()) < 1; i++) await sleep(10);
    expect(responses(received())).toBe(1);
    await sleep(KEEP_ALIVE_MS / 3);
    // The next request reaches the server's socket; then the loop is held beyond the deadline —
    // from the check phase, as after a batch applied from Redis input: the next turn runs the
    // expired timers before it reads any socket.
    await new Promise((resolve) => setImmediate(resolve));
    socket.write(REQUEST);
    const until = Date.now() + KEEP_ALIVE_MS + NODE_MARGIN_MS + 500;
    while (Date.now() < until) {
      // Busy: nothing else runs, as in a long synchronous task.
    }
    for (let i = 0; i < 100 && responses(received()) < 2; i++) await sleep(10);
    expect(responses(received()), `the second request got no answer (${await Promise.race([ended, sleep(50)])})`).toBe(2);
  });

  it('still closes a connection that stays idle past the deadline', async () => {
    const { socket, received, ended } = await client(await start());
    socket.write(REQUEST);
    await expect(Promise.race([ended, sleep(3 * (KEEP_ALIVE_MS + NODE_MARGIN_MS)).then(() => 'still open')])).resolves.toBe('closed');
    expect(responses(received())).toBe(1);
    for (let i = 0; i < 50 && server!.connections() > 0; i++) await sleep(10);
    expect(server!.connections()).toBe(0);
  });
});
