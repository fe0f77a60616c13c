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

  it('answers 413 to a body declared larger than 4 MiB without reading it, and stays up', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: plinkd.apiPort });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.write(
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n`,
      );
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect((await fetch(`${plinkd.apiUrl}/healthz`)).status).toBe(200);
  });
});
