import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface SocketState {
  /** When the socket last started a request (or connected): a sequence number, not a time. */
  lastActive: number;
  /** The response to its latest request; the socket is busy until it has finished. */
  response: ServerResponse | undefined;
}

/**
 * Bounds the connections one HTTP server keeps open (docs/reliability.md: hostile clients).
 * At the cap, a new connection evicts the idle connection least recently
 * active — idle meaning no request being handled: a kept-alive client between
 * requests, or one that connected and has not finished sending headers (a
 * slowloris) — so idle sockets can never lock real callers out. Only when
 * every connection is busy with a request is the newcomer refused (closed at once).
 *
 * Per request this costs one Map lookup and two stores (`noteRequest`, called by
 * the server's request handler): no listener per request and no reordering, since
 * /v1/authorize is a hot path (docs/design/performance.md). Busy or idle is read only when the cap is
 * reached, from the response's `writableFinished`, and the scan for the idlest is
 * O(open connections) then — rare, and bounded by the cap.
 */
export class ConnectionCap {
  private readonly sockets = new Map<Socket, SocketState>();
  private clock = 0;
  evicted = 0;
  refused = 0;

  constructor(private readonly max: number) {}

  /** `event`: `connection` for HTTP, `secureConnection` for HTTPS (the socket requests arrive on). */
  attach(server: Server, event: 'connection' | 'secureConnection' = 'connection'): void {
    server.on(event, (socket: Socket) => this.admit(socket));
  }

  get open(): number {
    return this.sockets.size;
  }

  /** The socket has started a request, answered through `response`. */
  noteRequest(socket: Socket, response: ServerResponse): void {
    const state = this.sockets.get(socket);
    if (state === undefined) return;
    state.lastActive = ++this.clock;
    state.response = response;
  }

  private admit(socket: Socket): void {
    if (this.sockets.size >= this.max && !this.evictIdlest()) {
      this.refused += 1;
      socket.destroy();
      return;
    }
    this.sockets.set(socket, { lastActive: ++this.clock, response: undefined });
    socket.once('close', () => this.sockets.delete(socket));
  }

  private evictIdlest(): boolean {
    let idlest: Socket | undefined;
    let idlestSince = Infinity;
    for (const [socket, state] of this.sockets) {
      const busy = state.response !== undefined && !state.response.writableFinished && !state.response.destroyed;
      if (busy || state.lastActive >= idlestSince) continue;
      idlest = socket;
      idlestSince = state.lastActive;
    }
    if (idlest === undefined) return false;
    this.sockets.delete(idlest);
    this.evicted += 1;
    idlest.destroy();
    return true;
  }
}
