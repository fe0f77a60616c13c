import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runPlinkd } from '../helpers/cli.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'readme-cli-tour-token-0123';

/** The shell block of the README's "CLI" section. */
function cliTour(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('\n## CLI\n'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('README has no shell block under "## CLI"');
  return block[1]!;
}

/** The README's CLI tour runs as written, with bash, against a plinkd started with the README's keys. */
describe("README's CLI tour", () => {
  let plinkd: PlinkdProcess;
  beforeAll(async () => {
    plinkd = await startPlinkd({
      accessKeys: '1234567890123456:LTAIexample0001:example-secret-0001:operator',
      apiTokens: TOKEN,
      transitionDelayMs: 300,
    });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it(
    'npx plinkd runs the checkout’s dist/main.js',
    async () => {
      const help = await new Promise<string>((resolve, reject) =>
        execFile('npx', ['--no-install', 'plinkd', '--help'], { cwd: ROOT, env: cliEnv({}), timeout: 60_000 }, (err, stdout) =>
          err === null ? resolve(stdout) : reject(err),
        ),
      );
      expect(help).toBe((await runPlinkd(['--help'], cliEnv({}))).stdout);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'creates the endpoint, waits for it, digs its name and prints the topology',
    async () => {
      // Only what a reader fills in differs: plinkd's DNS port and API token; `npx plinkd` is dist/main.js (checked above).
      const script = cliTour()
        .replaceAll('npx plinkd', `node ${MAIN}`)
        .replaceAll('-p 5300', `-p ${plinkd.dnsPort}`)
        .replaceAll('<the token plinkd printed>', TOKEN);
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          'bash',
          ['-euo', 'pipefail', '-c', script],
          { cwd: ROOT, env: cliEnv({ PLINKD_ENDPOINT: plinkd.apiUrl }), timeout: CLI_TEST_TIMEOUT_MS - 10_000 },
          (err, stdout, stderr) => (err === null ? resolve(stdout) : reject(new Error(`${err.message}\n${stdout}\n${stderr}`))),
        ),
      );
      const answers = [...output.matchAll(/\sIN\s+A\s+(10\.0\.[01]\.\d+)$/gm)].map((m) => m[1]);
      expect(answers).toHaveLength(2);
      expect(output).toMatch(/"ZoneStatus": "Connected"/);
      expect(output).toMatch(/└─ ep-[a-z0-9]+ {2}Active\/Connected/);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
