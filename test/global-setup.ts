import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ once before the suite: end-to-end tests spawn `node dist/main.js`
 * as a real process, the way users run plinkd.
 */
export default function setup(): void {
  if (process.env['PLINKD_TEST_SKIP_BUILD'] === '1') return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
