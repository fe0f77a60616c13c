import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeQuery, WireFormatError } from '../../../src/dns/wire/index.js';
import { dig } from '../../helpers/dig.js';
import { startFixture, ZONE, type Fixture } from './fixture.js';
import { liveBytes } from './heap.js';
import { frame, TcpClient } from './raw-client.js';

/** xorshift32: a fixed seed makes every run send the same packets. */
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const SEED = 0x5eed1234;
const ROUNDS = 4;
const DATAGRAMS_PER_ROUND = 3_000;
const TCP_CONNECTIONS_PER_ROUND = 40;

function seeds(rand: (n: number) => number): Buffer[] {
  const names = [
    `www.${ZONE}`,
    `WWW.${ZONE}`,
    `huge.${ZONE}`,
    `big.${ZONE}`,
    `n${rand(100000)}.${ZONE}`,
    'db.corp.internal',
    'x.example.com',
    ZONE,
    '',
  ];
  const types = [1, 28, 16, 6, 255, 252, 251, 41, 666, 0];
  const out: Buffer[] = [];
  for (const name of names) {
    const type = types[rand(types.length)] ?? 1;
    out.push(encodeQuery({ id: rand(65536), name, type }));
    out.push(
      encodeQuery({ id: rand(65536), name, type, edns: { udpSize: rand(65536), dnssecOk: rand(2) === 1, version: rand(4) === 0 ? 1 : 0 } }),
    );
    out.push(
      encodeQuery({
        id: rand(65536),
        name,
        type,
        edns: { options: [{ code: 8, data: Buffer.from([0, 1 + rand(3), rand(40), rand(4), rand(256), rand(256), rand(256)]) }] },
      }),
    );
  }
  return out;
}

/** One fuzz input: random bytes, or a valid query mutated in one of several ways. */
function fuzzInput(rand: (n: number) => number, corpus: Buffer[]): Buffer {
  const kind = rand(9);
  if (kind === 0) return Buffer.from(Array.from({ length: rand(600) }, () => rand(256)));
  // A random-name flood: every query a new NXDOMAIN, a new cache key.
  if (kind === 8) return encodeQuery({ id: rand(65536), name: `r${rand(1e9)}.${ZONE}`, type: 1, edns: {} });
  const base = Buffer.from(corpus[rand(corpus.length)] ?? Buffer.alloc(12));
  switch (kind) {
    case 1: // flip bytes
      for (let i = 0, n = 1 + rand(8); i < n; i++) base[rand(base.length)] = rand(256);
      return base;
    case 2: // truncate
      return base.subarray(0, rand(base.length + 1));
    case 3: // append garbage
      return Buffer.concat([base, Buffer.from(Array.from({ length: 1 + rand(64) }, () => rand(256)))]);
    case 4: // lie about the counts
      base.writeUInt16BE(rand(65536), 4 + 2 * rand(4));
      return base;
    case 5: {
      // plant a compression pointer anywhere
      const at = 12 + rand(Math.max(1, base.length - 13));
      base[at] = 0xc0 | rand(64);
      if (at + 1 < base.length) base[at + 1] = rand(256);
      return base;
    }
    case 6: // duplicate the tail (extra questions / OPTs)
      return Buffer.concat([base, base.subarray(12)]);
    default: // opcode, flags
      base[2] = rand(256);
      base[3] = rand(256);
      return base;
  }
}

async function udpRound(port: number, host: string, rand: (n: number) => number, corpus: Buffer[]): Promise<Buffer[]> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const replies: Buffer[] = [];
  socket.on('message', (reply) => {
    if (replies.length < 5_000) replies.push(reply);
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
  for (let i = 0; i < DATAGRAMS_PER_ROUND; i++) {
    await new Promise<void>((resolve) => socket.send(fuzzInput(rand, corpus), port, host, () => resolve()));
    // Pace the burst so that the fuzzing socket itself does not drop the replies.
    if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return replies;
}

async function tcpRound(port: number, rand: (n: number) => number, corpus: Buffer[]): Promise<Buffer[]> {
  const replies: Buffer[] = [];
  await Promise.all(
    Array.from({ length: TCP_CONNECTIONS_PER_ROUND }, async (_, c) => {
      const client = await TcpClient.connect(c % 2 === 0 ? '127.0.0.1' : '::1', port);
      const parts: Buffer[] = [];
      for (let i = 0, n = 1 + rand(20); i < n; i++) {
        const input = fuzzInput(rand, corpus);
        // Mostly honest frames; sometimes a length that lies, or raw bytes with no frame at all.
        const choice = rand(10);
        if (choice === 0) parts.push(Buffer.from([rand(256), rand(256)]), input);
        else if (choice === 1) parts.push(input);
        else if (input.length > 0) parts.push(frame(input));
      }
      const bytes = Buffer.concat(parts);
      for (let p = 0; p < bytes.length && client.socket.writable;) {
        const step = 1 + rand(200);
        client.socket.write(bytes.subarray(p, p + step));
        p += step;
      }
      await Promise.race([client.closed, new Promise((resolve) => setTimeout(resolve, 150))]);
      replies.push(...client.replies);
      if (rand(2) === 0) client.socket.resetAndDestroy();
      else client.destroy();
    }),
  );
  return replies;
}

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture({ replyCacheEntries: 500, tcpIdleTimeoutMs: 1_000, queryLog: undefined });
});
afterAll(async () => {
  await fixture.close();
});

describe('bounded fuzz run', () => {
  it('answers only with well-formed messages, never fails internally, keeps answering, and holds memory flat', async () => {
    const rand = prng(SEED);
    const corpus = seeds(rand);
    const memory: number[] = [];
    let replies = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const received = [
        ...(await udpRound(fixture.port, '127.0.0.1', rand, corpus)),
        ...(await udpRound(fixture.port, '::1', rand, corpus)),
        ...(await tcpRound(fixture.port, rand, corpus)),
      ];
      for (const reply of received) {
        try {
          decodeMessage(reply);
        } catch (err) {
          if (err instanceof WireFormatError) throw new Error(`malformed reply ${reply.toString('hex')}: ${err.message}`, { cause: err });
          throw err;
        }
      }
      replies += received.length;
      const udp = await dig({ host: '127.0.0.1', port: fixture.port }, [`www.${ZONE}`]);
      const tcp = await dig({ host: '::1', port: fixture.port }, [`alias.${ZONE}`, '+tcp']);
      expect([udp.status, tcp.status, tcp.answer.length]).toEqual(['NOERROR', 'NOERROR', 2]);
      memory.push(liveBytes());
    }
    expect(replies).toBeGreaterThan(ROUNDS * DATAGRAMS_PER_ROUND);
    expect(fixture.errors).toEqual([]);
    // Round 1 warms the JIT and fills the reply cache to its cap; after that, flat.
    const growth = (memory.at(-1) ?? 0) - (memory[1] ?? 0);
    expect(growth, `live bytes per round: ${memory.join(', ')}`).toBeLessThan(1.5 * 1024 * 1024);
  }, 60_000);
});
