import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from './constants.js';
import { EncodeError } from './errors.js';

/**
 * A name ready to be written: its labels as bytes and, for each label, the
 * lowercased text of the suffix starting there — the key the compressor uses to
 * find an earlier copy (names compare case-insensitively, RFC 4343 §3).
 */
export interface ParsedName {
  labels: Buffer[];
  suffixKeys: string[];
}

const ROOT: ParsedName = Object.freeze({ labels: [], suffixKeys: [] }) as ParsedName;

function checkLengths(name: string, labels: Buffer[]): void {
  let wire = 1;
  for (const label of labels) {
    if (label.length === 0) throw new EncodeError(`empty label in name "${name}"`);
    if (label.length > MAX_LABEL_LENGTH) throw new EncodeError(`label over ${MAX_LABEL_LENGTH} octets in "${name}"`);
    wire += label.length + 1;
  }
  if (wire > MAX_NAME_LENGTH) throw new EncodeError(`name over ${MAX_NAME_LENGTH} octets: "${name}"`);
}

/** Splits presentation text with RFC 1035 §5.1 escapes (\. \\ \DDD). */
function parseEscaped(name: string): { labels: Buffer[]; starts: number[] } {
  const labels: Buffer[] = [];
  const starts: number[] = [0];
  let bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch === 0x2e) {
      labels.push(Buffer.from(bytes));
      bytes = [];
      starts.push(i + 1);
    } else if (ch === 0x5c) {
      const digits = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(digits)) {
        const value = Number(digits);
        if (value > 255) throw new EncodeError(`escape \\${digits} out of range in "${name}"`);
        bytes.push(value);
        i += 3;
      } else if (i + 1 < name.length) {
        bytes.push(name.charCodeAt(i + 1) & 0xff);
        i += 1;
      } else {
        throw new EncodeError(`dangling backslash in "${name}"`);
      }
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      for (const b of Buffer.from(name[i] as string, 'utf8')) bytes.push(b);
    }
  }
  labels.push(Buffer.from(bytes));
  return { labels, starts };
}

/**
 * Names parsed lately, by their text. Every answer repeats some (its owner
 * names, the zone's SOA names in every negative answer) and popular names
 * recur across queries; parsing one splits it into fresh Buffers, which the
 * full path's CPU profile showed as its largest item. Bounded: dropped whole
 * when full. Parsed names are never modified by the writer.
 */
const MEMO_LIMIT = 4096;
let memo = new Map<string, ParsedName>();

/**
 * Parses a name as the lookup layer writes it: presentation form, no trailing dot
 * (one is tolerated), "" for the root.
 */
export function parseNameText(input: string): ParsedName {
  const known = memo.get(input);
  if (known !== undefined) return known;
  const parsed = parseUncached(input);
  if (memo.size >= MEMO_LIMIT) memo = new Map();
  memo.set(input, parsed);
  return parsed;
}

function parseUncached(input: string): ParsedName {
  let name = input;
  if (name.endsWith('.') && !name.endsWith('\\.')) name = name.slice(0, -1);
  if (name.length === 0) return ROOT;
  let labels: Buffer[];
  let starts: number[];
  // eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included
  if (name.includes('\\') || !/^[\x00-\x7f]*$/.test(name)) {
    ({ labels, starts } = parseEscaped(name));
  } else {
    const parts = name.split('.');
    labels = parts.map((part) => Buffer.from(part, 'latin1'));
    starts = [];
    let at = 0;
    for (const part of parts) {
      starts.push(at);
      at += part.length + 1;
    }
  }
  checkLengths(name, labels);
  const lower = name.toLowerCase();
  return { labels, suffixKeys: starts.map((start) => lower.slice(start)) };
}
