import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from '../store/durable/data-dir.js';
import { FILE_MODE, replaceFileDurably } from '../store/durable/files.js';
import { parseBootstrapKeys, type BootstrapKey } from '../model/access-keys.js';

export const CREDENTIALS_FILE = 'credentials';

/** What plinkd generated on the first start with `--data-dir`: the operator key and the API token. */
export interface SavedCredentials {
  operator: BootstrapKey | undefined;
  apiToken: string | undefined;
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, CREDENTIALS_FILE);
}

/**
 * `<data-dir>/credentials` is a shell file (`. <data-dir>/credentials`): the
 * SDKs' ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, and plinkd's own PLINKD_ACCESS_KEYS
 * and PLINKD_API_TOKENS, which are what a later start reads back.
 */
export function formatCredentials(saved: SavedCredentials, path: string): string {
  const lines = [
    '# plinkd: the operator key and API token generated on the first start with --data-dir.',
    `# Secret: keep this file mode 0600. Load it into a shell with:  . ${path}`,
  ];
  const { operator, apiToken } = saved;
  if (operator !== undefined) {
    lines.push(
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${operator.accessKeyId}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${operator.secret}`,
      `export PLINKD_ACCESS_KEYS=${operator.uid}:${operator.accessKeyId}:${operator.secret}:operator`,
    );
  }
  if (apiToken !== undefined) lines.push(`export PLINKD_API_TOKENS=${apiToken}`);
  return `${lines.join('\n')}\n`;
}

export function writeCredentials(dataDir: string, saved: SavedCredentials): void {
  replaceFileDurably(dataDir, CREDENTIALS_FILE, formatCredentials(saved, credentialsPath(dataDir)));
}

/** The saved credentials, or undefined before the first start. */
export function readCredentials(dataDir: string): SavedCredentials | undefined {
  const path = credentialsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    chmodSync(path, FILE_MODE); // a secret: whatever it was loosened to, back to 0600
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataDirError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const values = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^export ([A-Z_]+)=([A-Za-z0-9_:.-]+)$/.exec(line);
    if (match === null) throw new DataDirError(`${path}, line ${index + 1}: expected export NAME=value`);
    values.set(match[1]!, match[2]!);
  }
  const keys = values.get('PLINKD_ACCESS_KEYS');
  const apiToken = values.get('PLINKD_API_TOKENS');
  let operator: BootstrapKey | undefined;
  if (keys !== undefined) {
    let parsed: BootstrapKey[];
    try {
      parsed = parseBootstrapKeys(keys);
    } catch (err) {
      throw new DataDirError(`${path}: PLINKD_ACCESS_KEYS: ${(err as Error).message}`);
    }
    if (parsed.length !== 1 || !parsed[0]!.operator) throw new DataDirError(`${path}: PLINKD_ACCESS_KEYS must hold one operator key`);
    operator = parsed[0];
  }
  if (apiToken !== undefined && apiToken.length < 16) throw new DataDirError(`${path}: PLINKD_API_TOKENS is too short`);
  return { operator, apiToken };
}
