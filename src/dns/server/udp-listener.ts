import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { DnsHandler } from './handler.js';

export interface UdpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Kernel receive buffer asked for: bursts queue here instead of being dropped. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * One UDP socket answering every datagram synchronously. A reply is one
 * datagram to the sender; sending errors (an ICMP-unreachable client, a full
 * socket buffer) lose that reply only.
 */
export function listenUdp(
  host: string,
  port: number,
  handler: DnsHandler,
  onError: (err: Error) => void,
): Promise<UdpListener> {
  const socket: Socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', ipv6Only: isIPv6(host) });
  const afterSend = (err: Error | null): void => {
    if (err !== null) onError(err);
  };
  socket.on('message', (msg, rinfo) => {
    // Port 0 cannot be answered; it is always spoofed or broken.
    if (rinfo.port === 0) return;
    const reply = handler.handle(msg, { address: rinfo.address, port: rinfo.port, transport: 'udp' });
    if (reply !== null) socket.send(reply, rinfo.port, rinfo.address, afterSend);
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
