import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of one Redis connection kind, so a test can
 * cut a connection, hold the replies Redis sends (the client sees a slow
 * network), or refuse reconnects for a while — all without touching Redis or
 * the other connections of the process under test.
 */
export class TcpProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private held: Array<() => void> | null = null;
  private refusing = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    // The connection handler runs only after listen, once `proxy` below exists.
    const server = createServer((client) => proxy.accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    const proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Replies from Redis are kept back until release() (requests still go through). */
  holdReplies(): void {
    this.held ??= [];
  }

  release(): void {
    const pending = this.held ?? [];
    this.held = null;
    for (const send of pending) send();
  }

  /** Closes every proxied connection; with `refuse`, new ones are closed too until allow(). */
  cut(refuse = false): void {
    this.refusing = refuse;
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  allow(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.cut(true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const end = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const send = (): void => {
        if (!client.destroyed) client.write(chunk);
      };
      if (this.held !== null) this.held.push(send);
      else send();
    });
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
