import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ once before the suite, as `npm run build` does (tsc, then the console's
 * static files): end-to-end tests spawn `node dist/main.js` as a real process, the way
 * users run plinkd.
 */
export default function setup(): void {
  if (process.env['PLINKD_TEST_SKIP_BUILD'] === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
