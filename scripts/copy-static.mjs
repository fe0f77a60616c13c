// The build's second step: copies the web console's files (plain HTML, CSS and JS, no
// bundler) next to the compiled route that serves them (dist/api/console/static).
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/api/console/static/', import.meta.url));
const to = fileURLToPath(new URL('../dist/api/console/static/', import.meta.url));
cpSync(from, to, { recursive: true });
