import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage, encodeQuery } from '../../../src/dns/wire/index.js';
import { dig } from '../../helpers/dig.js';
import { startFixture, ZONE, type Fixture } from './fixture.js';
import { liveBytes } from './heap.js';
import { frame, TcpClient } from './raw-client.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function start(options: Parameters<typeof startFixture>[0] = {}): Promise<Fixture> {
  fixture = await startFixture(options);
  return fixture;
}

function query(id: number, name = `www.${ZONE}`, type = 1): Buffer {
  return encodeQuery({ id, name, type });
}

describe('DNS over TCP (RFC 7766)', () => {
  it.each(['127.0.0.1', '::1'])('answers many pipelined queries sent in one write, each matched by ID (%s)', async (host) => {
    const f = await start();
    const client = await TcpClient.connect(host, f.port);
    const names = Array.from({ length: 25 }, (_, i) => (i % 3 === 0 ? `nope${i}.${ZONE}` : i % 3 === 1 ? `www.${ZONE}` : `alias.${ZONE}`));
    await client.write(Buffer.concat(names.map((name, i) => frame(query(100 + i, name)))));
    const replies = (await client.waitForReplies(names.length)).map((r) => decodeMessage(r));
    client.destroy();
    expect(replies).toHaveLength(names.length);
    const byId = new Map(replies.map((r) => [r.id, r]));
    names.forEach((name, i) => {
      const reply = byId.get(100 + i);
      expect(reply?.questions[0]?.name).toBe(name);
      expect(reply?.rcode).toBe(name.startsWith('nope') ? 3 : 0);
    });
  });

  it('reassembles frames sent one byte at a time', async () => {
    const f = await start();
    const client = await TcpClient.connect('127.0.0.1', f.port);
    client.socket.setNoDelay(true);
    const bytes = Buffer.concat([frame(query(1)), frame(query(2, `alias.${ZONE}`))]);
    for (const byte of bytes) {
      await client.write(Buffer.from([byte]));
      await sleep(1);
    }
    const replies = (await client.waitForReplies(2)).map((r) => decodeMessage(r));
    client.destroy();
    expect(replies.map((r) => [r.id, r.answer.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('handles frames split at odd places across writes', async () => {
    const f = await start();
    const client = await TcpClient.connect('127.0.0.1', f.port);
    const bytes = Buffer.concat([1, 2, 3, 4, 5].map((id) => frame(query(id))));
    for (const cut of [
      [0, 1],
      [1, 40],
      [40, 41],
      [41, 100],
      [100, bytes.length],
    ]) {
      await client.write(bytes.subarray(cut[0], cut[1]));
      await sleep(5);
    }
    const replies = await client.waitForReplies(5);
    client.destroy();
    expect(replies.map((r) => decodeMessage(r).id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends a whole large answer (the one UDP truncates)', async () => {
    const f = await start();
    const client = await TcpClient.connect('127.0.0.1', f.port);
    await client.write(frame(query(7, `huge.${ZONE}`, 16)));
    const [reply] = await client.waitForReplies(1);
    client.destroy();
    const decoded = decodeMessage(reply ?? Buffer.alloc(0));
    expect(decoded.answer).toHaveLength(90);
    expect(decoded.flags & 0x0200).toBe(0);
  });

  it('keeps a connection open after a FORMERR, closes it after garbage or an empty frame', async () => {
    const f = await start();
    const client = await TcpClient.connect('127.0.0.1', f.port);
    const noQuestion = query(5).subarray(0, 12);
    noQuestion.writeUInt16BE(0, 4);
    await client.write(frame(Buffer.from(noQuestion)));
    await client.write(frame(query(6)));
    const replies = (await client.waitForReplies(2)).map((r) => decodeMessage(r));
    expect(replies.map((r) => [r.id, r.rcode])).toEqual([
      [5, 1],
      [6, 0],
    ]);
    await client.write(frame(Buffer.from([1, 2, 3])));
    await client.closed;
    const second = await TcpClient.connect('127.0.0.1', f.port);
    await second.write(Buffer.from([0, 0]));
    await second.closed;
    expect(second.replies).toEqual([]);
  });

  it('closes an idle connection after the idle timeout', async () => {
    const f = await start({ tcpIdleTimeoutMs: 300 });
    const client = await TcpClient.connect('127.0.0.1', f.port);
    await client.write(frame(query(1)));
    await client.waitForReplies(1);
    const started = Date.now();
    await client.closed;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_500);
    expect(client.closedBy).toBe('server');
  });

  it('closes a client that trickles a frame that never completes', async () => {
    const f = await start({ tcpIdleTimeoutMs: 300 });
    const client = await TcpClient.connect('127.0.0.1', f.port);
    client.socket.setNoDelay(true);
    await client.write(Buffer.from([0xff, 0xff]));
    const started = Date.now();
    let sent = 0;
    while (client.socket.readyState === 'open' && Date.now() - started < 3_000) {
      client.socket.write(Buffer.from([0x61]));
      sent++;
      await sleep(50);
    }
    expect(client.socket.readyState).not.toBe('open');
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(sent).toBeGreaterThan(2);
  });

  it('caps open connections across listeners; beyond the cap new ones are closed', async () => {
    const f = await start({ tcpMaxConnections: 3 });
    const open = [
      await TcpClient.connect('127.0.0.1', f.port),
      await TcpClient.connect('::1', f.port),
      await TcpClient.connect('127.0.0.1', f.port),
    ];
    for (const [i, client] of open.entries()) {
      await client.write(frame(query(i)));
      expect(await client.waitForReplies(1)).toHaveLength(1);
    }
    const refused = await TcpClient.connect('::1', f.port);
    await refused.write(frame(query(9))).catch(() => undefined);
    await refused.closed;
    expect(refused.replies).toEqual([]);
    open[0]?.destroy();
    await open[0]?.closed;
    await sleep(50);
    const admitted = await TcpClient.connect('127.0.0.1', f.port);
    await admitted.write(frame(query(10)));
    expect(await admitted.waitForReplies(1)).toHaveLength(1);
    for (const client of [...open, admitted]) client.destroy();
  });

  it('survives clients that reset mid-frame and mid-answer', async () => {
    const f = await start();
    for (let i = 0; i < 20; i++) {
      const client = await TcpClient.connect('127.0.0.1', f.port);
      await client.write(Buffer.concat([frame(query(i, `huge.${ZONE}`, 16)), frame(query(i)).subarray(0, 9)]));
      client.socket.resetAndDestroy();
    }
    const r = await dig({ host: '127.0.0.1', port: f.port }, [`www.${ZONE}`, '+tcp']);
    expect(r.status).toBe('NOERROR');
  });

  it('stops reading from a client that does not read its answers, and loses nothing', async () => {
    const f = await start();
    const client = await TcpClient.connect('127.0.0.1', f.port);
    client.socket.pause();
    const count = 3000;
    // ~18 MB of answers for ~140 KB of queries: more than the kernel buffers on loopback,
    // so unless the server stops reading, it must hold megabytes of unsent replies.
    const queries = Buffer.concat(Array.from({ length: count }, (_, i) => frame(query(i, `huge.${ZONE}`, 16))));
    const before = liveBytes();
    client.socket.write(queries);
    await sleep(300);
    const held = liveBytes() - before;
    expect(held).toBeLessThan(2 * 1024 * 1024);
    const other = await dig({ host: '127.0.0.1', port: f.port }, [`www.${ZONE}`, '+tcp']);
    expect(other.status).toBe('NOERROR');
    client.socket.resume();
    const replies = await client.waitForReplies(count, 10_000);
    client.destroy();
    expect(replies).toHaveLength(count);
    expect(replies.map((r) => r.readUInt16BE(0))).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});
