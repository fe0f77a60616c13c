import { readFileSync } from 'node:fs';

/** plinkd's version: the package's, read once from package.json beside src/ and dist/. */
export const VERSION: string = (() => {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();
