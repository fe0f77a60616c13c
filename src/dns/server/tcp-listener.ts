import { createServer, type Server, type Socket } from 'node:net';
import type { DnsHandler } from './handler.js';
import { TcpConnection } from './tcp-connection.js';

export interface TcpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Open connections of every TCP listener of one server, under one cap. */
export class TcpConnectionPool {
  readonly sockets = new Set<Socket>();

  constructor(
    readonly maxConnections: number,
    readonly idleTimeoutMs: number,
  ) {}

  /** Adopts a new connection, or closes it at once when the pool is full. */
  admit(socket: Socket, handler: DnsHandler): void {
    if (this.sockets.size >= this.maxConnections) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    new TcpConnection(socket, handler, this.idleTimeoutMs);
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

export function listenTcp(
  host: string,
  port: number,
  handler: DnsHandler,
  pool: TcpConnectionPool,
  onError: (err: Error) => void,
): Promise<TcpListener> {
  const server: Server = createServer({ allowHalfOpen: false }, (socket) => pool.admit(socket, handler));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
      server.off('error', reject);
      server.on('error', onError);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        host,
        port: bound,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
