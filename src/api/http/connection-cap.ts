import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Bounds the connections one HTTP server keeps open (SPEC §7: hostile clients).
 * At the cap, a new connection evicts the connection idle the longest — one
 * with no request being handled: a kept-alive client between requests, or one
 * that connected and has not finished sending headers (a slowloris) — so idle
 * sockets can never lock real callers out. Only when every connection is busy
 * with a request is the newcomer refused (closed at once).
 *
 * A Map keeps insertion order; a socket moves to the end whenever it becomes
 * busy or idle, so its first idle entry is the least recently active.
 */
export class ConnectionCap {
  private readonly sockets = new Map<Socket, { busy: number }>();
  evicted = 0;
  refused = 0;

  constructor(private readonly max: number) {}

  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.admit(socket));
    // One shared 'close' handler (it finds the socket through response.req):
    // no closure and no once-wrapper per request on the /v1/authorize hot path.
    const cap = this;
    function onResponseClose(this: ServerResponse): void {
      cap.touch(this.req.socket, -1);
    }
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.touch(req.socket, +1);
      res.on('close', onResponseClose);
    });
  }

  get open(): number {
    return this.sockets.size;
  }

  private admit(socket: Socket): void {
    if (this.sockets.size >= this.max && !this.evictIdlest()) {
      this.refused += 1;
      socket.destroy();
      return;
    }
    this.sockets.set(socket, { busy: 0 });
    socket.once('close', () => this.sockets.delete(socket));
  }

  private evictIdlest(): boolean {
    for (const [socket, state] of this.sockets) {
      if (state.busy > 0) continue;
      this.sockets.delete(socket);
      this.evicted += 1;
      socket.destroy();
      return true;
    }
    return false;
  }

  private touch(socket: Socket, delta: number): void {
    const state = this.sockets.get(socket);
    if (state === undefined) return;
    this.sockets.delete(socket);
    state.busy = Math.max(0, state.busy + delta);
    this.sockets.set(socket, state);
  }
}
