import { createSocket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';

export interface LoadResult {
  sent: number;
  answered: number;
  /** Queries with no reply in time, or a reply that was not the expected answer. */
  failed: Array<{ id: number; reason: string }>;
}

export interface DnsLoad {
  /** Stops sending, waits for the replies still due, and reports. */
  stop(): Promise<LoadResult>;
}

export interface DnsLoadOptions {
  host: string;
  port: number;
  name: string;
  /** Answers every reply must carry (A records, in any order). */
  expected: readonly string[];
  intervalMs?: number;
  timeoutMs?: number;
  /** Hard bounds: it stops sending at whichever comes first. */
  maxQueries?: number;
  maxDurationMs?: number;
}

/**
 * A steady UDP query load (one query per interval, each with its own ID and
 * deadline) that checks every reply, for tests that break things underneath
 * the DNS server and expect it not to notice.
 */
export function startDnsLoad(options: DnsLoadOptions): DnsLoad {
  const timeoutMs = options.timeoutMs ?? 1000;
  const maxQueries = options.maxQueries ?? 20_000;
  const deadline = Date.now() + (options.maxDurationMs ?? 60_000);
  const socket = createSocket('udp4');
  const pending = new Map<number, NodeJS.Timeout>();
  const result: LoadResult = { sent: 0, answered: 0, failed: [] };
  const expected = [...options.expected].sort().join(',');
  let nextId = 1;

  socket.on('message', (message: Buffer) => {
    let reply: dnsPacket.DecodedPacket;
    try {
      reply = dnsPacket.decode(message);
    } catch {
      result.failed.push({ id: -1, reason: 'undecodable reply' });
      return;
    }
    const id = reply.id ?? -1;
    const timer = pending.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    pending.delete(id);
    const answers = (reply.answers ?? [])
      .flatMap((a) => (a.type === 'A' ? [a.data] : []))
      .sort()
      .join(',');
    const rcode = (reply.flags ?? 0) & 0x0f; // RFC 1035 §4.1.1
    if (rcode !== 0 || answers !== expected) result.failed.push({ id, reason: `rcode ${rcode} [${answers}]` });
    else result.answered += 1;
  });

  const send = (): void => {
    if (result.sent >= maxQueries || Date.now() > deadline) return;
    const id = nextId;
    nextId = nextId === 0xffff ? 1 : nextId + 1;
    const query = dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ type: 'A', name: options.name, class: 'IN' }] });
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        result.failed.push({ id, reason: 'timeout' });
      }, timeoutMs),
    );
    result.sent += 1;
    socket.send(query, options.port, options.host);
  };
  const ticker = setInterval(send, options.intervalMs ?? 2);

  return {
    async stop() {
      clearInterval(ticker);
      const until = Date.now() + timeoutMs + 200;
      while (pending.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      socket.close();
      return result;
    },
  };
}
