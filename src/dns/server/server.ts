import { DnsHandler } from './handler.js';
import { listenTcp, TcpConnectionPool, type TcpListener } from './tcp-listener.js';
import type { DnsServer, DnsServerOptions, Transport } from './types.js';
import { listenUdp, type UdpListener } from './udp-listener.js';

const DEFAULT_TCP_IDLE_TIMEOUT_MS = 10_000;
const DEFAULT_TCP_MAX_CONNECTIONS = 1_000;

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, got ${value}`);
  return value;
}

/**
 * Starts UDP and TCP listeners on every address (IPv4 and IPv6 alike) sharing
 * one handler, so both transports give the same answers. Resolves once all are
 * bound; if any bind fails, the ones already open are closed and it rejects.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  if (options.listen.length === 0) throw new RangeError('startDnsServer: no listen addresses');
  const onError = (err: Error): void => {
    try {
      options.onError?.(err);
    } catch {
      // The error hook itself failing must not stop the server.
    }
  };
  const handler = new DnsHandler({
    authority: options.authority,
    views: options.views,
    ...(options.replyCacheEntries !== undefined && { replyCacheEntries: options.replyCacheEntries }),
    ...(options.replyCacheBytes !== undefined && { replyCacheBytes: options.replyCacheBytes }),
    ...(options.metrics !== undefined && { metrics: options.metrics }),
    ...(options.queryLog !== undefined && { queryLog: options.queryLog }),
    onError,
  });
  const pool = new TcpConnectionPool(
    positive(options.tcpMaxConnections, DEFAULT_TCP_MAX_CONNECTIONS, 'tcpMaxConnections'),
    positive(options.tcpIdleTimeoutMs, DEFAULT_TCP_IDLE_TIMEOUT_MS, 'tcpIdleTimeoutMs'),
  );
  const listeners: Array<{ protocol: Transport; listener: UdpListener | TcpListener }> = [];
  const closeAll = async (): Promise<void> => {
    // Stop accepting first, then end the open connections the TCP close waits for.
    const closing = listeners.map(({ listener }) => listener.close());
    pool.destroyAll();
    await Promise.all(closing);
  };
  try {
    for (const { host, port } of options.listen) {
      listeners.push({ protocol: 'udp', listener: await listenUdp(host, port, handler, onError) });
      listeners.push({ protocol: 'tcp', listener: await listenTcp(host, port, handler, pool, onError) });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    addresses: listeners.map(({ protocol, listener }) => ({ host: listener.host, port: listener.port, protocol })),
    close: () => (closed ??= closeAll()),
  };
}
