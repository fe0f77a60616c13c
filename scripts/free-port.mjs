// A free TCP port on 127.0.0.1 (the kernel picks it; the listener is closed again at once),
// for the plain-JS scripts and benches. The TypeScript tests use test/helpers/ports.ts.
import { createServer } from 'node:net';

// The kernel may offer a port again once the probe closes it: never hand one out twice.
const handedOut = new Set();

function probe() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function freePort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await probe();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found on 127.0.0.1');
}
