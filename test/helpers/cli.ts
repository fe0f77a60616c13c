import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS, type AccountName } from './cloud.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * A test that runs the CLI a dozen times: each run is a fresh node process (~0.5 s of CPU),
 * which on a loaded 2-core machine can take seconds of wall time.
 */
export const CLI_TEST_TIMEOUT_MS = 300_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a plinkd CLI run: this process's, without anything plinkd or the
 * aliyun tools read (so the machine's settings never leak in), plus `env`.
 */
export function cliEnv(env: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('PLINKD_') && !name.startsWith('ALIBABA_CLOUD_')) clean[name] = value;
  }
  return { ...clean, ...env };
}

/** The environment an account's user sets: its AccessKey and plinkd's API address. */
export function accountEnv(apiUrl: string, account: AccountName): Record<string, string> {
  return cliEnv({
    PLINKD_ENDPOINT: apiUrl,
    ALIBABA_CLOUD_ACCESS_KEY_ID: ACCOUNTS[account].accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACCOUNTS[account].secret,
  });
}

/** Runs `node dist/main.js <args>` as users run the `plinkd` binary; resolves with its exit status and output. */
export function runPlinkd(args: readonly string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [MAIN, ...args], { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        reject(new Error(`plinkd ${args.join(' ')} did not finish: ${err.message}\n${stdout}${stderr}`));
        return;
      }
      resolve({ code: err === null ? 0 : (err.code as number), stdout, stderr });
    });
  });
}

/** Runs a command that must succeed and parses its JSON output. */
export async function plinkdJson(args: readonly string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  const run = await runPlinkd(args, env);
  if (run.code !== 0) throw new Error(`plinkd ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}
