import type { Socket } from 'node:net';
import type { DnsHandler } from './handler.js';
import { TcpFramer } from './tcp-framer.js';
import type { QuerySource } from './types.js';

/** Replies queued for a client that does not read; past this we stop reading from it. */
const MAX_UNSENT_BYTES = 128 * 1024;
/** After an idle close (FIN), how long the client gets to close its side. */
const CLOSE_GRACE_MS = 2_000;

/**
 * One DNS-over-TCP connection (RFC 7766): any number of queries, pipelined,
 * each answered as soon as it is complete (answers may leave out of order in
 * general; here they leave in order because answering is synchronous).
 *
 * Bounded: one partial frame; at most MAX_UNSENT_BYTES of unread replies
 * before reading pauses (TCP flow control then pushes back on the client); an
 * idle timer, refreshed only by complete queries, so a client trickling bytes
 * of a frame that never ends is closed too (RFC 7766 §6.2.3).
 */
export class TcpConnection {
  private readonly framer = new TcpFramer();
  private readonly idle: NodeJS.Timeout;
  private closing = false;
  private readonly source: QuerySource;
  private readonly onFrame = (frame: Buffer): boolean => this.answer(frame);

  constructor(
    private readonly socket: Socket,
    private readonly handler: DnsHandler,
    idleTimeoutMs: number,
  ) {
    this.source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0, transport: 'tcp' };
    this.idle = setTimeout(() => this.closeIdle(), idleTimeoutMs);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.take(this.framer.push(chunk, this.onFrame)));
    socket.on('drain', () => {
      if (this.closing) return;
      this.take(this.framer.resume(this.onFrame));
    });
    // Resets and broken pipes are routine on the Internet; the connection just ends.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clearTimeout(this.idle));
  }

  private take(result: 'ok' | 'stopped' | 'bad'): void {
    if (this.closing) return;
    if (result === 'bad') {
      this.close();
    } else if (result === 'stopped') {
      this.socket.pause();
    } else if (this.socket.isPaused()) {
      this.socket.resume();
    }
  }

  private answer(frame: Buffer): boolean {
    if (this.closing) return false;
    this.idle.refresh();
    const reply = this.handler.handle(frame, this.source);
    if (reply === null) {
      // Not even a header: this is not a DNS client. Close rather than leave it waiting.
      this.close();
      return false;
    }
    const out = Buffer.allocUnsafe(reply.length + 2);
    out.writeUInt16BE(reply.length, 0);
    reply.copy(out, 2);
    this.socket.write(out);
    return this.socket.writableLength < MAX_UNSENT_BYTES;
  }

  private closeIdle(): void {
    this.close();
  }

  /** Half-close (FIN) after flushing replies; destroy if the client lingers. */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }
}
