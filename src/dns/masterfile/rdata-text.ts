import { isIpv4Text, isIpv6Text } from '../../model/ip.js';
import { RRType, type RData } from '../lookup/types.js';
import { nameProblem } from '../zone/names.js';
import type { Token } from './lexer.js';
import { parseTimer, parseUnsigned } from './numbers.js';
import { parseGenericRData } from './rdata-generic.js';
import { parseCharacterString, parseDomainName, type Decoded } from './text.js';
import { typeName } from './types.js';

/** Field names per type, in order (RFC 1035 §3.3, RFC 3596 §2.2, RFC 2782). */
const FIELDS: ReadonlyMap<number, readonly string[]> = new Map([
  [RRType.A, ['address']],
  [RRType.AAAA, ['address']],
  [RRType.NS, ['nsdname']],
  [RRType.CNAME, ['cname']],
  [RRType.PTR, ['ptrdname']],
  [RRType.MX, ['preference', 'exchange']],
  [RRType.SRV, ['priority', 'weight', 'port', 'target']],
  [RRType.SOA, ['mname', 'rname', 'serial', 'refresh', 'retry', 'expire', 'minimum']],
]);

/** RDATA of `type` from its presentation tokens; relative names use `origin`. */
export function parseRData(type: number, tokens: readonly Token[], origin: string): Decoded<RData> {
  const first = tokens[0];
  if (first !== undefined && !first.quoted && first.text === '\\#') return parseGenericRData(type, tokens);
  const name = typeName(type);
  if (type === RRType.TXT) return parseTxt(tokens);
  const fields = FIELDS.get(type);
  if (fields === undefined) return fail(`${name} RDATA must be written in the generic form "\\# <length> <hex>" (RFC 3597 §5)`);
  if (tokens.length !== fields.length) {
    return fail(`${name} takes ${fields.length} field${fields.length > 1 ? 's' : ''} (${fields.join(' ')}), got ${tokens.length}`);
  }
  const quoted = tokens.findIndex((t) => t.quoted);
  if (quoted >= 0) return fail(`${name} ${fields[quoted]} must not be quoted`);
  const text = tokens.map((t) => t.text);
  try {
    return { ok: true, value: build(type, text, origin) };
  } catch (error) {
    return fail((error as Error).message);
  }
}

function fail(error: string): Decoded<never> {
  return { ok: false, error };
}

function parseTxt(tokens: readonly Token[]): Decoded<RData> {
  if (tokens.length === 0) return fail('TXT needs at least one character-string');
  const texts: string[] = [];
  for (const token of tokens) {
    const text = parseCharacterString(token.text);
    if (!text.ok) return text;
    texts.push(text.value);
  }
  return { ok: true, value: { kind: 'TXT', texts } };
}

/** Field parsers throw a RangeError with the message for the user. */
function unwrap<T>(decoded: Decoded<T>): T {
  if (!decoded.ok) throw new RangeError(decoded.error);
  return decoded.value;
}

function domain(text: string, origin: string): string {
  const name = unwrap(parseDomainName(text, origin));
  const problem = nameProblem(name);
  if (problem !== undefined) throw new RangeError(problem);
  return name;
}

function build(type: number, f: readonly string[], origin: string): RData {
  const at = (i: number): string => f[i] as string;
  switch (type) {
    case RRType.A:
      if (!isIpv4Text(at(0))) throw new RangeError(`"${at(0)}" is not an IPv4 address`);
      return { kind: 'A', address: at(0) };
    case RRType.AAAA:
      if (!isIpv6Text(at(0))) throw new RangeError(`"${at(0)}" is not an IPv6 address`);
      return { kind: 'AAAA', address: at(0) };
    case RRType.NS:
      return { kind: 'NS', target: domain(at(0), origin) };
    case RRType.CNAME:
      return { kind: 'CNAME', target: domain(at(0), origin) };
    case RRType.PTR:
      return { kind: 'PTR', target: domain(at(0), origin) };
    case RRType.MX:
      return { kind: 'MX', preference: unwrap(parseUnsigned(at(0), 16, 'MX preference')), exchange: domain(at(1), origin) };
    case RRType.SRV:
      return {
        kind: 'SRV',
        priority: unwrap(parseUnsigned(at(0), 16, 'SRV priority')),
        weight: unwrap(parseUnsigned(at(1), 16, 'SRV weight')),
        port: unwrap(parseUnsigned(at(2), 16, 'SRV port')),
        target: domain(at(3), origin),
      };
    case RRType.SOA:
      return {
        kind: 'SOA',
        mname: domain(at(0), origin),
        rname: domain(at(1), origin),
        serial: unwrap(parseUnsigned(at(2), 32, 'SOA serial')),
        refresh: unwrap(parseTimer(at(3), 'SOA refresh')),
        retry: unwrap(parseTimer(at(4), 'SOA retry')),
        expire: unwrap(parseTimer(at(5), 'SOA expire')),
        minimum: unwrap(parseTimer(at(6), 'SOA minimum')),
      };
    default:
      throw new RangeError(`${typeName(type)} has no text form here`);
  }
}
