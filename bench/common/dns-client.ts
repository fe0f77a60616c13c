import { createSocket, type Socket } from 'node:dgram';
import { decodeMessage, encodeQuery, type DecodedMessage } from '../../src/dns/wire/index.js';

/** What two servers must agree on for the same question. */
export interface AnswerSummary {
  rcode: number;
  authoritative: boolean;
  /** Answer RDATA as text, in order ("A 10.0.0.1"). */
  answer: string[];
  /** Types of the authority records (the SOA of a negative answer). */
  authority: string[];
}

export function summarize(message: DecodedMessage): AnswerSummary {
  const text = (rr: DecodedMessage['answer'][number]): string => {
    const data = rr.data;
    if (data.kind === 'A' || data.kind === 'AAAA') return `${data.kind} ${data.address}`;
    return data.kind;
  };
  return {
    rcode: message.rcode,
    authoritative: (message.flags & 0x0400) !== 0,
    answer: message.answer.map(text),
    authority: message.authority.map((rr) => `${rr.data.kind} ${rr.ttl}`),
  };
}

/**
 * A small UDP DNS client on one socket with many queries in flight, matched
 * by ID: no process spawned per query (dig would cost milliseconds each).
 */
export class DnsClient {
  private readonly socket: Socket;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Buffer | null) => void>();
  private readonly ready: Promise<void>;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = createSocket('udp4');
    this.socket.on('message', (msg) => {
      if (msg.length < 2) return;
      const resolve = this.pending.get(msg.readUInt16BE(0));
      if (resolve === undefined) return;
      this.pending.delete(msg.readUInt16BE(0));
      resolve(msg);
    });
    this.ready = new Promise((resolve) => this.socket.bind(0, '127.0.0.1', () => resolve()));
  }

  /** The reply, or null after `timeoutMs`. */
  async query(name: string, type: number, timeoutMs = 1000): Promise<DecodedMessage | null> {
    await this.ready;
    const id = this.nextId;
    this.nextId = (this.nextId % 0xffff) + 1;
    const reply = await new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, timeoutMs);
      this.pending.set(id, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      this.socket.send(encodeQuery({ id, name, type }), this.port, this.host);
    });
    return reply === null ? null : decodeMessage(reply);
  }

  close(): void {
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
    this.socket.close();
  }
}

/** Resolves once the server answers `name` at all (startup never counts in a measure). */
export async function waitForDns(port: number, name: string, timeoutMs: number): Promise<void> {
  const client = new DnsClient('127.0.0.1', port);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if ((await client.query(name, 6, 200)) !== null) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.close();
  }
  throw new Error(`no DNS answer on port ${port} within ${timeoutMs} ms`);
}
