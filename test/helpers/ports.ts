import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

/** Binds a TCP listener to port 0 on loopback and returns the port the kernel chose. */
function freeTcpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no port assigned'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

function udpPortIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

/**
 * Ports this process has handed out. The kernel may offer a port again as soon as the
 * probe closes it, so two calls in a row (a plinkd's API and DNS ports) could get the
 * same one and the second listener fail with EADDRINUSE (seen in CI).
 */
const handedOut = new Set<number>();

/**
 * A port free for both TCP and UDP on the given loopback address (DNS listens on
 * both), never one this process handed out before. Tests only ever bind to
 * 127.0.0.0/8 or ::1.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort(host);
    if (handedOut.has(port)) continue;
    if (await udpPortIsFree(host, port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no port free for both TCP and UDP on ${host}`);
}
