import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

/**
 * docs/reliability.md "request bodies bounded, every input validated before any write",
 * checked on a running plinkd: the limits hold before authentication, so an
 * anonymous caller cannot make the API do work proportional to what it sends.
 * (Signatures, nonces and timestamps: test/api/rpc-protocol.test.ts.)
 */
describe('API input bounds on a running plinkd', () => {
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, extraArgs: ['--http-max-connections', '64'] });
  });
  afterAll(async () => {
    await plinkd?.stop();
  });

  async function rpc(params: URLSearchParams): Promise<{ status: number; code: string }> {
    const response = await fetch(`${plinkd.apiUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    });
    return { status: response.status, code: ((await response.json()) as { Code: string }).Code };
  }

  it('refuses more than 400 parameters', async () => {
    const params = new URLSearchParams({ Action: 'DescribeVpcs', Version: '2016-04-28' });
    for (let i = 0; params.size <= 400; i++) params.set(`P${i}`, 'x');
    expect(await rpc(params)).toEqual({ status: 400, code: 'IllegalParamFormat.Parameters' });
  });

  it('refuses a parameter value longer than 16384 characters', async () => {
    const params = new URLSearchParams({ Action: 'DescribeVpcs', Version: '2016-04-28', VpcName: 'v'.repeat(16_385) });
    expect(await rpc(params)).toEqual({ status: 400, code: 'IllegalParamFormat.VpcName' });
  });

  /** Sends a request head only; resolves with what the server sent before closing (bounded by 5 s). */
  function headOnly(head: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: plinkd.apiPort });
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer within 5 s: ${JSON.stringify(text)}`));
      }, 5000);
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
      socket.on('error', reject);
      socket.write(head);
    });
  }

  it('refuses an RPC body declared above its 64 KiB limit from the head alone, in the cloud shape, and stays up', async () => {
    // 4 MiB is within the /v1 limit: the cloud API's own, smaller limit is the one applied, before any body byte.
    const reply = await headOnly(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"Code":"RequestTooLarge"');
    expect(reply).toContain('"RequestId":');
    expect((await fetch(`${plinkd.apiUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a /v1 body declared above 4 MiB from the head alone, with the same code', async () => {
    const reply = await headOnly(`POST /v1/authorize HTTP/1.1\r\nHost: x\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"code":"RequestTooLarge"');
  });

  it('refuses a body sent to a route that takes none', async () => {
    const response = await fetch(`${plinkd.apiUrl}/healthz`, { method: 'GET', headers: { 'content-length': '0' } });
    expect(response.status).toBe(200);
    const reply = await headOnly('POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
  });
});
