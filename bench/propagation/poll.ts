import { performance } from 'node:perf_hooks';
import type { DecodedMessage } from '../../src/dns/wire/index.js';
import type { DnsClient } from '../common/dns-client.js';

/** Epoch milliseconds with sub-millisecond resolution (comparable with Redis stream IDs). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Asks one server the same question back to back (one query in flight, the
 * next sent as soon as the reply arrives) until `done(reply)` holds, and
 * returns the time the first such reply arrived, or NaN after `timeoutMs`.
 * Resolution is one loopback round trip (~0.1–0.3 ms).
 */
export async function firstAnswer(
  client: DnsClient,
  name: string,
  type: number,
  done: (reply: DecodedMessage) => boolean,
  timeoutMs: number,
): Promise<number> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    const reply = await client.query(name, type, 200);
    const at = nowMs();
    if (reply !== null && done(reply)) return at;
  }
  return Number.NaN;
}

export const isNxdomain = (reply: DecodedMessage): boolean => reply.rcode === 3;
export const hasAnswer = (reply: DecodedMessage): boolean => reply.rcode === 0 && reply.answer.length > 0;
