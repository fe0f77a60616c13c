import { asciiLower } from '../zone/names.js';

/**
 * Presentation-format text to octets (RFC 1035 §5.1): "\DDD" is the octet
 * with decimal value DDD, "\X" is X itself; other characters are their
 * UTF-8 octets. The data layer keeps names and TXT strings as UTF-8
 * (src/dns/lookup/types.ts), so decoded octets must be valid UTF-8.
 */

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function unescapeOctets(text: string): Decoded<number[]> {
  const octets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\') {
      octets.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const digits = text.slice(i + 1, i + 4);
    if (/^\d/.test(digits)) {
      if (!/^\d{3}$/.test(digits)) return { ok: false, error: `"\\${digits}" must be "\\" and three decimal digits` };
      const value = Number(digits);
      if (value > 255) return { ok: false, error: `"\\${digits}" is not an octet (0..255)` };
      octets.push(value);
      i += 3;
    } else if (i + 1 < text.length) {
      i++;
      const cp = text.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      octets.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
    } else {
      return { ok: false, error: 'a "\\" ends the text' };
    }
  }
  return { ok: true, value: octets };
}

export function octetsToUtf8(octets: readonly number[], what: string): Decoded<string> {
  try {
    return { ok: true, value: utf8.decode(Uint8Array.from(octets)) };
  } catch {
    return { ok: false, error: `${what} is not valid UTF-8 (write it as generic RDATA, RFC 3597)` };
  }
}

/** One <character-string> (RFC 1035 §3.3): at most 255 octets. */
export function parseCharacterString(text: string): Decoded<string> {
  const octets = unescapeOctets(text);
  if (!octets.ok) return octets;
  if (octets.value.length > 255) {
    return { ok: false, error: `character-string is ${octets.value.length} octets long (at most 255)` };
  }
  return octetsToUtf8(octets.value, 'character-string');
}

/**
 * A domain name in presentation format: "@" is the origin; a name ending in
 * an unescaped "." is absolute, any other is relative to `origin`. Returns
 * the normalized form (lowercased, no trailing dot). A "." inside a label
 * ("a\.b") is refused: the data layer separates labels with dots.
 */
export function parseDomainName(text: string, origin: string): Decoded<string> {
  if (text === '@') return { ok: true, value: origin };
  if (text === '.') return { ok: true, value: '' };
  const labels: string[] = [];
  let current = '';
  let absolute = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      current += text.slice(i, i + 2);
      if (/\d/.test(text[i + 1] ?? '')) {
        current += text.slice(i + 2, i + 4);
        i += 2;
      }
      i++;
    } else if (c === '.') {
      if (current === '') return { ok: false, error: `empty label in name "${text}"` };
      labels.push(current);
      current = '';
      absolute = i === text.length - 1;
    } else {
      current += c;
    }
  }
  if (current !== '') labels.push(current);
  const decoded: string[] = [];
  for (const raw of labels) {
    const octets = unescapeOctets(raw);
    if (!octets.ok) return octets;
    const label = octetsToUtf8(octets.value, `label "${raw}"`);
    if (!label.ok) return label;
    if (label.value.includes('.')) return { ok: false, error: `label "${raw}" contains a "." (not supported)` };
    decoded.push(asciiLower(label.value));
  }
  if (!absolute && origin !== '') decoded.push(origin);
  return { ok: true, value: decoded.join('.') };
}
