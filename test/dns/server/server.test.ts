import { describe, expect, it } from 'vitest';
import { startDnsServer } from '../../../src/dns/server/index.js';
import { dig } from '../../helpers/dig.js';
import { freePort } from '../../helpers/ports.js';
import { StaticAuthority, StaticViews } from '../../helpers/static-authority.js';
import { fixtureZones, startFixture, ZONE } from './fixture.js';

const base = () => ({ authority: new StaticAuthority(fixtureZones()), views: new StaticViews() });

describe('startDnsServer', () => {
  it('reports a UDP and a TCP address per listen entry, and stops answering once closed', async () => {
    const port = await freePort();
    const server = await startDnsServer({
      ...base(),
      listen: [
        { host: '127.0.0.1', port },
        { host: '::1', port },
      ],
    });
    expect(server.addresses).toEqual([
      { host: '127.0.0.1', port, protocol: 'udp' },
      { host: '127.0.0.1', port, protocol: 'tcp' },
      { host: '::1', port, protocol: 'udp' },
      { host: '::1', port, protocol: 'tcp' },
    ]);
    expect((await dig({ host: '::1', port }, [`www.${ZONE}`, '+tcp'])).status).toBe('NOERROR');
    await Promise.all([server.close(), server.close()]);
    await expect(dig({ host: '127.0.0.1', port }, [`www.${ZONE}`, '+tcp'])).rejects.toThrow();
  });

  it('fails to start when a port is taken, leaving nothing bound', async () => {
    const fixture = await startFixture();
    try {
      const other = await freePort('::1');
      await expect(
        startDnsServer({
          ...base(),
          listen: [
            { host: '::1', port: other },
            { host: '127.0.0.1', port: fixture.port },
          ],
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      const again = await startDnsServer({ ...base(), listen: [{ host: '::1', port: other }] });
      await again.close();
    } finally {
      await fixture.close();
    }
  });

  it.each([
    ['no listen address', { listen: [] }],
    ['a zero idle timeout', { tcpIdleTimeoutMs: 0 }],
    ['a negative connection cap', { tcpMaxConnections: -1 }],
  ])('refuses %s', async (_what, options) => {
    await expect(startDnsServer({ ...base(), listen: [{ host: '127.0.0.1', port: 0 }], ...options })).rejects.toThrow(RangeError);
  });
});
