// A free TCP port on 127.0.0.1 (the kernel picks it; the listener is closed again at once),
// for the plain-JS scripts and benches. The TypeScript tests use test/helpers/ports.ts.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
