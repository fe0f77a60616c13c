import { createHash } from 'node:crypto';
import type { RedisClient } from './connection.js';

/**
 * A Lua script run by EVALSHA, falling back to EVAL when the node does not
 * have it cached (NOSCRIPT: a fresh node, a restart, a failover, or another
 * Cluster master than last time). The SHA1 is computed locally, as Redis does
 * (EVALSHA docs), so no SCRIPT LOAD round trip — which on a Cluster would go to
 * a random node rather than the one owning the keys — is needed.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
