import { randomBytes } from 'node:crypto';
import { createOperator, hasOperatorAccount, newOperatorKey } from './bootstrap.js';
import { credentialsPath, readCredentials, writeCredentials } from './credentials-file.js';
import type { Plane } from './plane.js';

export interface CredentialsInput {
  /** The control plane when this process serves the cloud API (it may create the operator). */
  plane: Plane | undefined;
  accessKeysConfigured: boolean;
  configuredTokens: readonly string[];
  /** `--data-dir`: generated credentials are kept in its credentials file. */
  dataDir: string | undefined;
}

export interface SettledCredentials {
  apiTokens: string[];
  /** For the operator's terminal (never the log): secrets only when just generated. */
  announcement: string | undefined;
}

/**
 * Without configured keys the first start creates an operator account and key;
 * without configured tokens it generates an API token. With `--data-dir` both
 * are saved in `<data-dir>/credentials` (mode 0600) *before* the account is
 * written, so a crash in between loses nothing, and later starts reuse them and
 * name the file instead of printing a secret again. Without it, the operator
 * stays in the store and the token is new on every start.
 */
export async function settleGeneratedCredentials(input: CredentialsInput): Promise<SettledCredentials> {
  const { plane, dataDir } = input;
  const saved = dataDir === undefined ? undefined : readCredentials(dataDir);
  const needsOperator = plane !== undefined && !input.accessKeysConfigured && !hasOperatorAccount(plane);
  const newOperator = needsOperator && saved?.operator === undefined ? newOperatorKey() : undefined;
  const operator = newOperator ?? saved?.operator;
  const generateToken = input.configuredTokens.length === 0;
  const newToken = generateToken && saved?.apiToken === undefined ? randomBytes(24).toString('base64url') : undefined;
  const apiToken = newToken ?? saved?.apiToken;

  if (dataDir !== undefined && (newOperator !== undefined || newToken !== undefined)) writeCredentials(dataDir, { operator, apiToken });
  if (needsOperator) await createOperator(plane, operator!);

  const lines: string[] = [];
  const kept = dataDir === undefined ? undefined : credentialsPath(dataDir);
  if (newOperator !== undefined) {
    lines.push(
      `Created operator account ${newOperator.uid}.`,
      `  AccessKeyId:     ${newOperator.accessKeyId}`,
      `  AccessKeySecret: ${newOperator.secret}`,
      kept === undefined
        ? '  (shown once; set PLINKD_ACCESS_KEYS to choose your own keys)'
        : '  (shown once, and kept in the credentials file below; set PLINKD_ACCESS_KEYS to choose your own keys)',
    );
  }
  if (newToken !== undefined) lines.push(`Generated API token for /v1/*: ${newToken}`, '  (set PLINKD_API_TOKENS to choose your own)');
  const reused =
    (operator !== undefined && newOperator === undefined && !input.accessKeysConfigured) || (generateToken && newToken === undefined);
  if (kept !== undefined && (newOperator !== undefined || newToken !== undefined)) {
    lines.push(`Credentials kept in ${kept} (mode 0600); later starts reuse them. Load them with:  . ${kept}`);
  } else if (kept !== undefined && reused) {
    lines.push(`Operator key and API token generated on the first start: ${kept} (mode 0600). Load them with:  . ${kept}`);
  }
  return {
    apiTokens: generateToken ? [apiToken!] : [...input.configuredTokens],
    announcement: lines.length === 0 ? undefined : lines.join('\n'),
  };
}
