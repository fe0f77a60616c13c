import { envNameOf } from './flags.js';

/**
 * A configuration mistake: plinkd prints its message as one line and exits 2
 * before it creates, prints or binds anything. With `flag`, the line names the
 * flag and its environment twin: `--store (PLINKD_STORE): …`.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(flag === undefined ? message : `--${flag} (${envNameOf(flag)}): ${message}`);
  }
}
