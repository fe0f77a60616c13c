import { MAX_TTL } from '../zone/rdata.js';
import type { Decoded } from './text.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** True when a token can only be a TTL (RFC 1035 §5.1: a TTL is a decimal number). */
export function looksLikeTtl(text: string): boolean {
  return /^\d/.test(text);
}

/**
 * A TTL in seconds: a decimal number (RFC 1035 §5.1, RFC 2308 §4), or the
 * BIND-style units many zone files use ("1h30m", "2d"). RFC 2181 §8 limits a
 * TTL to 2^31 - 1 seconds.
 */
export function parseTtl(text: string): Decoded<number> {
  return parseDuration(text, MAX_TTL, 'TTL');
}

/** A 32-bit SOA timer (refresh, retry, expire, minimum), with the same units. */
export function parseTimer(text: string, what: string): Decoded<number> {
  return parseDuration(text, 0xffffffff, what);
}

function parseDuration(text: string, max: number, what: string): Decoded<number> {
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else if (/^(\d+[smhdw])+$/i.test(text)) {
    seconds = 0;
    for (const [, count, unit] of text.toLowerCase().matchAll(/(\d+)([smhdw])/g)) {
      seconds += Number(count) * (UNIT_SECONDS[unit as string] as number);
    }
  } else {
    return { ok: false, error: `${what} "${text}" is not a number of seconds` };
  }
  if (seconds > max) return { ok: false, error: `${what} ${text} is larger than ${max}` };
  return { ok: true, value: seconds };
}

/** An unsigned decimal integer of `bits` bits. */
export function parseUnsigned(text: string, bits: 8 | 16 | 32, what: string): Decoded<number> {
  const max = 2 ** bits - 1;
  if (!/^\d+$/.test(text) || Number(text) > max) {
    return { ok: false, error: `${what} "${text}" is not a number in 0..${max}` };
  }
  return { ok: true, value: Number(text) };
}
