import { LuaScript } from './lua-script.js';

/**
 * Compare-and-set commit, atomic in Redis (docs/architecture.md: "State transitions are
 * atomic in Redis (MULTI/EXEC with WATCH, or Lua)"). A Lua script rather than
 * WATCH/MULTI because it is one round trip and runs unchanged on Redis Cluster
 * when all keys share a slot.
 *
 * KEYS[1]    the change stream
 * KEYS[2]    the batch counter
 * KEYS[3..]  document hashes, referenced by index below
 * ARGV       nReads, then per read: keyIndex, id, present(0|1), rawJson
 *            nWrites, then per write: keyIndex, id, present(0|1), rawJson
 *            maxLen, streamPayload, channel
 * Returns the new stream entry ID, or 0 when a read no longer holds (conflict).
 *
 * The batch is also published on `channel` as "<previous entry ID> <entry ID> <number> <payload>",
 * so a follower subscribed there gets it without sending a command per batch
 * (stream-follower.ts). Published in the script, announcements come in batch order. The
 * PUBLISH is a pcall: scripts do not roll back, so a refused announcement (an ACL user without
 * the channel) must not turn a written batch into a failed commit that a client retries;
 * followers then get the batch by their poll of the stream. The previous entry's ID comes
 * first so that a follower of the first announcing build (which read "<entry ID> <number>
 * <payload>") finds no number where it looks, and reads the stream instead of a bad batch. The previous
 * entry's ID ("0-0" for the first) chains each announcement to the stream: a follower applies one
 * directly only if it follows the entry the follower is at. Its number alone cannot tell — after
 * a failover to a replica that had not received batch N, the new master numbers its next batch N
 * again, and a follower that had N would otherwise take the new N + 1 as following it.
 *
 * Each entry carries `s`, the batch's number (1, 2, 3, …, no holes): a follower
 * that sees a number other than last + 1 knows it missed a batch, however the
 * stream was trimmed or replaced — stream IDs alone cannot tell (they are
 * times, not counts).
 */
export const COMMIT_SCRIPT = new LuaScript(`
local i = 1
local nReads = tonumber(ARGV[i]); i = i + 1
for _ = 1, nReads do
  local key = KEYS[tonumber(ARGV[i])]
  local current = redis.call('HGET', key, ARGV[i + 1])
  if ARGV[i + 2] == '1' then
    if current ~= ARGV[i + 3] then return 0 end
  else
    if current then return 0 end
  end
  i = i + 4
end
local nWrites = tonumber(ARGV[i]); i = i + 1
for _ = 1, nWrites do
  local key = KEYS[tonumber(ARGV[i])]
  if ARGV[i + 2] == '1' then
    redis.call('HSET', key, ARGV[i + 1], ARGV[i + 3])
  else
    redis.call('HDEL', key, ARGV[i + 1])
  end
  i = i + 4
end
local sequence = redis.call('INCR', KEYS[2])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
local previous = last and last[1] or '0-0'
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[i], '*', 'c', ARGV[i + 1], 's', sequence)
redis.pcall('PUBLISH', ARGV[i + 2], previous .. ' ' .. id .. ' ' .. sequence .. ' ' .. ARGV[i + 1])
return id
`);
