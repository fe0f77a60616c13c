import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';

/** Sends one datagram and waits for one reply; null if none comes in time. */
export function udpExchange(host: string, port: number, message: Buffer, timeoutMs = 1_000): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.once('message', (reply) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    });
    socket.send(message, port, host);
  });
}

/** Sends datagrams without waiting for replies (fuzzing); resolves when all are sent. */
export async function udpBlast(host: string, port: number, messages: Buffer[]): Promise<void> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('error', () => undefined);
  for (const message of messages) {
    await new Promise<void>((resolve) => socket.send(message, port, host, () => resolve()));
  }
  await new Promise<void>((resolve) => socket.close(() => resolve()));
}

/** Prefixes a message with its 2-byte length (RFC 1035 §4.2.2). */
export function frame(message: Buffer): Buffer {
  const out = Buffer.alloc(message.length + 2);
  out.writeUInt16BE(message.length, 0);
  message.copy(out, 2);
  return out;
}

/** A DNS-over-TCP client that records every reply frame and when the server closes. */
export class TcpClient {
  readonly replies: Buffer[] = [];
  closedBy: 'server' | 'error' | undefined;
  private pending = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      while (this.pending.length >= 2 && this.pending.length >= 2 + this.pending.readUInt16BE(0)) {
        const length = this.pending.readUInt16BE(0);
        this.replies.push(this.pending.subarray(2, 2 + length));
        this.pending = this.pending.subarray(2 + length);
      }
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('end', () => {
        this.closedBy ??= 'server';
      });
      socket.on('error', () => {
        this.closedBy ??= 'error';
      });
      socket.on('close', () => {
        this.closedBy ??= 'server';
        this.wake();
        resolve();
      });
    });
  }

  static connect(host: string, port: number): Promise<TcpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new TcpClient(socket));
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (err) => (err ? reject(err) : resolve())));
  }

  /** Waits until `count` replies have arrived (or the connection closed, or time ran out). */
  async waitForReplies(count: number, timeoutMs = 3_000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < count && this.socket.readyState !== 'closed' && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.replies.slice(0, count);
  }

  destroy(): void {
    this.socket.destroy();
  }
}
