/**
 * Change-stream positions use Redis Stream IDs ("<ms>-<seq>", XADD's format);
 * the memory store uses the same shape so one comparison serves both.
 */
export const ORIGIN_POSITION = '0-0';

export function comparePositions(a: string, b: string): number {
  const [aMs, aSeq] = splitPosition(a);
  const [bMs, bSeq] = splitPosition(b);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

function splitPosition(position: string): [bigint, bigint] {
  const dash = position.indexOf('-');
  if (dash < 0) throw new Error(`bad stream position '${position}'`);
  return [BigInt(position.slice(0, dash)), BigInt(position.slice(dash + 1))];
}
