// The build's second step: copies the web console's files (plain HTML, CSS and JS, no
// bundler) next to the compiled route that serves them (dist/api/console/static).
import { chmodSync, cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/api/console/static/', import.meta.url));
const to = fileURLToPath(new URL('../dist/api/console/static/', import.meta.url));
cpSync(from, to, { recursive: true });

// The `plinkd` bin (package.json) is dist/main.js: npm marks it executable only when it links a
// package whose dist/ already exists, so a checkout built after `npm ci` would answer
// `npx plinkd` with "Permission denied".
chmodSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)), 0o755);
