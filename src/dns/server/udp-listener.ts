import { createSocket, type Socket, type SocketOptions } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import type { DnsHandler } from './handler.js';

export interface UdpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Kernel receive buffer asked for: bursts queue here instead of being dropped. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Replies go to rinfo.address, always an IP literal. dns.lookup would still
 * test it with regular expressions and defer the send by a tick; answering
 * literals at once takes that off every reply. Names still go to dns.lookup.
 */
const literalLookup: NonNullable<SocketOptions['lookup']> = (address, options, callback) => {
  const family = isIP(address);
  if (family === 0) dnsLookup(address, options, callback);
  else callback(null, address, family);
};

/**
 * One UDP socket answering every datagram synchronously. A reply is one
 * datagram to the sender; sending errors (an ICMP-unreachable client, a full
 * socket buffer) lose that reply only and are reported through the socket's
 * 'error' event (no per-send callback: it would cost a tick per reply).
 */
export function listenUdp(host: string, port: number, handler: DnsHandler, onError: (err: Error) => void): Promise<UdpListener> {
  const socket: Socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', ipv6Only: isIPv6(host), lookup: literalLookup });
  socket.on('message', (msg, rinfo) => {
    // Port 0 cannot be answered; it is always spoofed or broken.
    if (rinfo.port === 0) return;
    const reply = handler.handle(msg, { address: rinfo.address, port: rinfo.port, transport: 'udp' });
    if (reply !== null) socket.send(reply, rinfo.port, rinfo.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', onError);
      try {
        socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
      } catch {
        // Capped by net.core.rmem_max; the default buffer still works.
      }
      const bound = socket.address();
      resolve({
        host,
        port: bound.port,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
