import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { ConfigError } from './config-error.js';
import type { Config, HostPort } from './types.js';

interface Wanted {
  flag: string;
  address: HostPort;
  protocol: 'udp' | 'tcp';
}

type Held = () => Promise<void>;

/**
 * Binds every listen address of `config` (DNS UDP and TCP, API HTTP and HTTPS), all at
 * once so two flags naming one port are caught too, then releases them: a taken or
 * unusable port is a configuration error, found before the data directory, the store or
 * any credential is touched. Port 0 (the system picks) cannot clash and is skipped.
 * The real listeners bind again later; a port taken in between still fails before any
 * credential is created (app.ts binds first).
 */
export async function checkPorts(config: Readonly<Config>): Promise<void> {
  const wanted: Wanted[] = [];
  if (config.role !== 'api')
    for (const address of config.dns) wanted.push({ flag: 'dns', address, protocol: 'udp' }, { flag: 'dns', address, protocol: 'tcp' });
  wanted.push({ flag: 'api', address: config.api, protocol: 'tcp' });
  if (config.apiHttps !== undefined) wanted.push({ flag: 'api-https', address: config.apiHttps, protocol: 'tcp' });
  refuseSharedAddresses(wanted);
  const held: Held[] = [];
  try {
    for (const want of wanted) {
      if (want.address.port === 0) continue;
      held.push(await (want.protocol === 'udp' ? holdUdp(want) : holdTcp(want)));
    }
  } finally {
    await Promise.all(held.map((release) => release()));
  }
}

/** Two flags (or one flag twice) naming one address and protocol: said as such, not as "in use". */
function refuseSharedAddresses(wanted: readonly Wanted[]): void {
  const owners = new Map<string, string>();
  for (const want of wanted) {
    if (want.address.port === 0) continue;
    const where = `${want.address.host.includes(':') ? `[${want.address.host}]` : want.address.host}:${want.address.port}/${want.protocol}`;
    const owner = owners.get(where);
    if (owner === undefined) owners.set(where, want.flag);
    else throw new ConfigError(owner === want.flag ? `${where} is listed twice` : `${where} is also given to --${owner}`, want.flag);
  }
}

/** The one-line reason for a failed bind, as a configuration error of `flag`. */
export function bindError(flag: string, address: HostPort, protocol: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}/${protocol}`;
  const reason =
    code === 'EADDRINUSE'
      ? 'is already in use'
      : code === 'EACCES'
        ? 'needs privileges (ports below 1024: CAP_NET_BIND_SERVICE)'
        : code === 'EADDRNOTAVAIL'
          ? 'is not an address of this machine'
          : `cannot be bound (${code ?? (err as Error).message})`;
  return new ConfigError(`${where} ${reason}`, flag);
}

function holdTcp(want: Wanted): Promise<Held> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer();
    server.once('error', (err) => reject(bindError(want.flag, want.address, 'tcp', err)));
    server.listen({ host: want.address.host, port: want.address.port, ipv6Only: want.address.host.includes(':') }, () =>
      resolve(() => new Promise<void>((done) => server.close(() => done()))),
    );
  });
}

function holdUdp(want: Wanted): Promise<Held> {
  return new Promise((resolve, reject) => {
    const ipv6 = want.address.host.includes(':');
    const socket = createSocket({ type: ipv6 ? 'udp6' : 'udp4', ipv6Only: ipv6 });
    socket.once('error', (err) => {
      socket.close();
      reject(bindError(want.flag, want.address, 'udp', err));
    });
    socket.bind(want.address.port, want.address.host, () => resolve(() => new Promise<void>((done) => socket.close(() => done()))));
  });
}

/** A listener's failed bind (EADDRINUSE and the like) as the configuration error of `flag`; other errors unchanged. */
export function asBindError(flag: string, err: unknown): unknown {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  if (typeof e?.code !== 'string' || !['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL'].includes(e.code)) return err;
  const protocol = e.syscall === 'bind' ? 'udp' : 'tcp';
  return bindError(flag, { host: e.address ?? '?', port: e.port ?? 0 }, protocol, err);
}
