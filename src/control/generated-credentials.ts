import { randomBytes } from 'node:crypto';
import type { BootstrapKey } from '../model/access-keys.js';
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

export interface GeneratedCredentials {
  /** The operator key made on this start (its secret shown once), if any. */
  newOperator: BootstrapKey | undefined;
  /** The API token made on this start, if any. */
  newToken: string | undefined;
  /** `<data-dir>/credentials`, when the generated credentials are kept there. */
  keptIn: string | undefined;
  /** Whether credentials generated on an earlier start were reused from that file. */
  reused: boolean;
}

export interface CredentialsPlan {
  /** The tokens /v1/* accepts: the configured ones, or the generated (or kept) one. */
  apiTokens: string[];
  /** Writes the credentials file and creates the operator account: after the ports are bound. */
  commit(): Promise<GeneratedCredentials>;
}

/**
 * Without configured keys the first start creates an operator account and key;
 * without configured tokens it generates an API token. The values are chosen
 * here, in memory; `commit` creates them, once every port is bound, so a start
 * that fails creates nothing. With `--data-dir` both are saved in
 * `<data-dir>/credentials` (mode 0600) *before* the account is written, so a
 * crash in between loses nothing, and later starts reuse them and name the
 * file instead of printing a secret again. Without it, the operator stays in
 * the store and the token is new on every start.
 */
export function planGeneratedCredentials(input: CredentialsInput): CredentialsPlan {
  const { plane, dataDir } = input;
  const saved = dataDir === undefined ? undefined : readCredentials(dataDir);
  const needsOperator = plane !== undefined && !input.accessKeysConfigured && !hasOperatorAccount(plane);
  const newOperator = needsOperator && saved?.operator === undefined ? newOperatorKey() : undefined;
  const operator = newOperator ?? saved?.operator;
  const generateToken = input.configuredTokens.length === 0;
  const newToken = generateToken && saved?.apiToken === undefined ? randomBytes(24).toString('base64url') : undefined;
  const apiToken = newToken ?? saved?.apiToken;
  return {
    apiTokens: generateToken ? [apiToken!] : [...input.configuredTokens],
    async commit() {
      if (dataDir !== undefined && (newOperator !== undefined || newToken !== undefined)) writeCredentials(dataDir, { operator, apiToken });
      if (needsOperator) await createOperator(plane, operator!);
      const reused =
        (operator !== undefined && newOperator === undefined && !input.accessKeysConfigured) || (generateToken && newToken === undefined);
      return { newOperator, newToken, keptIn: dataDir === undefined ? undefined : credentialsPath(dataDir), reused };
    },
  };
}
