// The build's second step: copies the web console's files (plain HTML, CSS and JS, no
// bundler) next to the compiled route that serves them (dist/api/console/static), and marks
// the package's bin executable — npm links `plinkd` at install time, before a checkout has
// built dist/, so the mode must come from the build or `npx plinkd` is "Permission denied".
import { chmodSync, cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/api/console/static/', import.meta.url));
const to = fileURLToPath(new URL('../dist/api/console/static/', import.meta.url));
cpSync(from, to, { recursive: true });
chmodSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)), 0o755);
