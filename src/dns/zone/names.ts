/**
 * Domain names as the DNS data layer keeps them (src/dns/lookup/types.ts):
 * absolute, ASCII-lowercased, no trailing dot, the root is "". A name's wire
 * octets are the UTF-8 encoding of its labels — the same mapping the codec
 * (dns-packet) uses — so lengths are counted in UTF-8 bytes.
 */

/** RFC 1035 §2.3.4: labels ≤ 63 octets, names ≤ 255 octets on the wire. */
export const MAX_LABEL_OCTETS = 63;
export const MAX_NAME_OCTETS = 255;

const UPPER = /[A-Z]/;

/**
 * Lowercases ASCII letters only: DNS names compare case-insensitively for
 * A–Z alone (RFC 4343 §3); other octets keep their value.
 */
export function asciiLower(name: string): string {
  if (!UPPER.test(name)) return name;
  return name.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** Accepts "Example.COM." or "example.com" and returns "example.com". */
export function normalizeName(name: string): string {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  return asciiLower(trimmed);
}

/** Why `name` (already normalized) is not a valid domain name, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return undefined;
  let wireLength = 1;
  let start = 0;
  while (start <= name.length) {
    const dot = name.indexOf('.', start);
    const end = dot < 0 ? name.length : dot;
    const octets = labelOctets(name, start, end);
    const label = (): string => name.slice(start, end);
    if (octets === 0) return `empty label in "${name}"`;
    if (octets > MAX_LABEL_OCTETS) {
      return `label "${label()}" is ${octets} octets long (at most ${MAX_LABEL_OCTETS}, RFC 1035 §2.3.4)`;
    }
    wireLength += octets + 1;
    start = end + 1;
  }
  if (wireLength > MAX_NAME_OCTETS) {
    return `name "${name}" is ${wireLength} octets long (at most ${MAX_NAME_OCTETS}, RFC 1035 §2.3.4)`;
  }
  return undefined;
}

/** UTF-8 length of name[start, end): the character count when all are ASCII. */
function labelOctets(name: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (name.charCodeAt(i) > 0x7f) return Buffer.byteLength(name.slice(start, end), 'utf8');
  }
  return end - start;
}

/** True when `name` equals `origin` or lies below it (both normalized). */
export function isAtOrBelow(name: string, origin: string): boolean {
  if (origin === '') return true;
  if (name.length === origin.length) return name === origin;
  return name.length > origin.length && name.endsWith(origin) && name.charCodeAt(name.length - origin.length - 1) === 0x2e;
}

/**
 * The labels of `name` below `origin`, nearest the apex first
 * ("a.b.example.com" under "example.com" → ["b", "a"]), or undefined when the
 * name is outside the origin. The tree is walked in this order.
 */
export function labelsBelow(name: string, origin: string): string[] | undefined {
  if (!isAtOrBelow(name, origin)) return undefined;
  if (name.length === origin.length) return [];
  const labels: string[] = [];
  let end = origin === '' ? name.length : name.length - origin.length - 1;
  for (;;) {
    const dot = end === 0 ? -1 : name.lastIndexOf('.', end - 1);
    labels.push(name.slice(dot + 1, end));
    if (dot < 0) return labels;
    end = dot;
  }
}

/**
 * A flat copy of a string. `split`/`slice` results of 13+ characters are V8
 * "sliced strings" that keep the whole parent string alive, and `+` builds
 * rope ("cons") strings; a label stored for millions of endpoint names must
 * own exactly its characters (measured: 143 → 46 bytes per label, see
 * docs/design/dns-data.md). The JSON round trip is lossless for any string.
 */
export function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
