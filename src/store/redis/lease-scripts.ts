import { LuaScript } from './lua-script.js';

/**
 * The lease commands (src/control/lease.ts explains the protocol). Acquiring
 * is a plain `SET key holder NX PX ttl`; renewing and releasing must check the
 * holder and act in one step, or a holder whose lease just expired could extend
 * or delete its successor's lease — hence Lua (Redis docs, "Distributed locks
 * with Redis": "remove the key only if it exists and the value stored at the
 * key is exactly the one I expect").
 */

/** KEYS[1] lease key; ARGV[1] holder, ARGV[2] ttl ms. Returns 1 if extended, 0 if not ours. */
export const RENEW_LEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/** KEYS[1] lease key; ARGV[1] holder. Returns 1 if deleted, 0 if not ours. */
export const RELEASE_LEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);
