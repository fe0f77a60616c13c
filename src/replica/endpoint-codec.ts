import type { Endpoint } from '../model/types.js';
import { ANCHOR_KEYS, type PackMemo } from './pack-memo.js';
import { poolRef, type StringPool } from './string-pool.js';

/**
 * Endpoints packed into one string each for the replica (docs/design/performance.md: a million
 * endpoints in a replica under 2 GiB). A parsed endpoint document costs
 * ~2.2 KB of heap (bench:scale): ~50 small objects and strings, most of them
 * repeated in every endpoint of the same VPC or service, and two domain names
 * per zone that only repeat the endpoint id and the service's domain.
 *
 * The packed form follows the document's own shape, so it needs no update
 * when the Endpoint type grows a field: a list of tokens separated by US
 * (0x1f), each starting with a tag:
 *   K<ref>   an object's key list (JSON, pooled: one per distinct shape)
 *   !        the endpoint id itself
 *   .<ref>   the endpoint id followed by a pooled rest (endpoint and zone
 *            domains: the rest is shared by every endpoint of the service)
 *   @<ref>   a pooled string (uids, VPC and service ids, statuses, policies)
 *   =<text>  an inline string (names, ENI ids and addresses, times: mostly
 *            unique, so pooling them would only add a map entry)
 *   #<num>   a finite number; t / f booleans; ~ null; u undefined
 *   j<ref>   any other array or object as pooled JSON (tags, security groups)
 *   A<n>     an array of n objects packed in line (the zones)
 * Decoding gives back a document equal to the one stored, key order included;
 * a document that cannot be packed (not an object, a non-finite number) stays
 * a plain object.
 */
const SEP = '\u001f';

/** Mostly unique per endpoint: kept inline unless they hold the separator. */
const INLINE_KEYS: ReadonlySet<string> = new Set([
  'endpointName',
  'endpointDescription',
  'eniId',
  'eniIp',
  'zoneIpv6Address',
  'createdAt',
  'connectionModifiedAt',
]);
/** Arrays of objects packed in line rather than as one pooled JSON text. */
const NESTED_KEYS: ReadonlySet<string> = new Set(['zones']);
/** Tags whose token holds a pool reference. */
const POOLED_TAGS = new Set(['K', '.', '@', 'j']);

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

class Unpackable extends Error {}

/**
 * Tokens by tag and pool index: a token depends on nothing else, so each is
 * made once (concatenating a tag and a reference per pooled value was a
 * visible share of the packer's garbage, bench:scale).
 */
const tokens: Record<string, string[]> = { K: [], '.': [], '@': [], j: [] };

function tokenOf(tag: 'K' | '.' | '@' | 'j', index: number): string {
  const byIndex = tokens[tag]!;
  return byIndex[index] ?? (byIndex[index] = `${tag}${poolRef(index)}`);
}

/** The token for `value` at token position `slot`, pooled (PackMemo). */
function pooled(memo: PackMemo, tag: 'K' | '.' | '@' | 'j', slot: number, value: string): string {
  return tokenOf(tag, memo.acquire(slot, value));
}

function packString(memo: PackMemo, id: string, key: string, value: string, slot: number): string {
  if (value === id) return '!';
  if (INLINE_KEYS.has(key) && value.indexOf(SEP) < 0) return `=${value}`;
  if (value.length > id.length && value.startsWith(id)) return pooled(memo, '.', slot, value.slice(id.length));
  return pooled(memo, '@', slot, value);
}

function packValue(memo: PackMemo, id: string, key: string, value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(packString(memo, id, key, value, out.length));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new Unpackable();
      out.push(`#${value}`);
      return;
    case 'boolean':
      out.push(value ? 't' : 'f');
      return;
    case 'undefined':
      out.push('u');
      return;
    case 'object':
      if (value === null) {
        out.push('~');
      } else if (NESTED_KEYS.has(key) && Array.isArray(value) && value.every(isPlainObject)) {
        out.push(`A${value.length}`);
        for (const element of value) packObject(memo, id, element, out, false);
      } else {
        out.push(pooled(memo, 'j', out.length, JSON.stringify(value)));
      }
      return;
    default:
      throw new Unpackable();
  }
}

/**
 * The JSON text of recent key lists: documents of one kind share a few shapes,
 * and Object.keys of a parsed document gives V8's internalized key strings,
 * so comparing lists is cheap while stringifying (and hashing) each one was
 * a tenth of the packing time (bench:scale profile).
 */
const recentShapes: Array<{ keys: readonly string[]; text: string }> = [];
const RECENT_SHAPES = 8;

function shapeTextOf(keys: readonly string[]): string {
  search: for (const shape of recentShapes) {
    if (shape.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue search;
    return shape.text;
  }
  const text = JSON.stringify(keys);
  if (recentShapes.length >= RECENT_SHAPES) recentShapes.pop();
  recentShapes.unshift({ keys, text });
  return text;
}

function packObject(memo: PackMemo, id: string, doc: Plain, out: string[], top: boolean): void {
  const keys = Object.keys(doc);
  out.push(pooled(memo, 'K', out.length, shapeTextOf(keys)));
  for (const key of keys) {
    const value = doc[key];
    if (top && typeof value === 'string' && value !== id && ANCHOR_KEYS.has(key)) {
      const index = memo.acquire(out.length, value);
      out.push(tokenOf('@', index));
      memo.anchor(index);
    } else packValue(memo, id, key, value, out);
  }
}

/** The packed form, or undefined when the document cannot be packed. */
export function packEndpoint(memo: PackMemo, id: string, doc: Endpoint): string | undefined {
  if (!isPlainObject(doc)) return undefined;
  const out: string[] = [];
  memo.begin();
  try {
    packObject(memo, id, doc, out, true);
  } catch (err) {
    if (!(err instanceof Unpackable)) throw err;
    releaseTokens(memo.pool, out);
    return undefined;
  }
  return out.join(SEP);
}

/**
 * How to build an object of one shape from the token stream, made once per
 * distinct shape text (a handful: the endpoint's and its zones'): a template
 * object with the shape's keys, parsed from JSON so that V8 gives it a fast
 * layout, copied with spread (which keeps that layout) and filled in key
 * order. Filling an empty object key by key instead turns it into a
 * dictionary past a dozen keyed stores (measured: ~18 µs for an endpoint and
 * three zones, against ~6 µs this way); an object literal compiled with
 * `new Function` was ~1.5 µs, but generated code is refused by hardened
 * runtimes (--disallow-code-generation-from-strings) and one more thing a
 * Node upgrade could change underneath — decoding runs per change and per
 * API read, not per DNS query, so the plain way is kept. A "__proto__" key
 * is an own property of the JSON-parsed template, so the copy and the stores
 * keep it a plain property too. Bounded so that documents of ever-new shapes
 * cannot grow it without limit.
 */
type Build = (read: () => unknown) => Plain;
const builders = new Map<string, Build>();
const MAX_SHAPES = 256;

function builderOf(shapeText: string): Build {
  let build = builders.get(shapeText);
  if (build === undefined) {
    if (builders.size >= MAX_SHAPES) builders.clear();
    build = templateBuild(JSON.parse(shapeText) as string[]);
    builders.set(shapeText, build);
  }
  return build;
}

function templateBuild(keys: readonly string[]): Build {
  const template = JSON.parse(`{${keys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`) as Plain;
  return (read) => {
    const doc: Plain = { ...template };
    for (let i = 0; i < keys.length; i++) doc[keys[i] as string] = read();
    return doc;
  };
}

class Reader {
  private at = 0;
  private readonly read = (): unknown => this.value();
  constructor(
    private readonly pool: StringPool,
    private readonly id: string,
    private readonly tokens: string[],
  ) {}

  object(): Plain {
    const shape = this.tokens[this.at++]!;
    return builderOf(this.pool.get(shape.slice(1)))(this.read);
  }

  private value(): unknown {
    const token = this.tokens[this.at++]!;
    const body = token.slice(1);
    switch (token.charCodeAt(0)) {
      case 0x21:
        return this.id; // !
      case 0x2e:
        return this.id + this.pool.get(body); // .
      case 0x40:
        return this.pool.get(body); // @
      case 0x3d:
        return body; // =
      case 0x23:
        return Number(body); // #
      case 0x74:
        return true; // t
      case 0x66:
        return false; // f
      case 0x7e:
        return null; // ~
      case 0x75:
        return undefined; // u
      case 0x6a:
        return JSON.parse(this.pool.get(body)) as unknown; // j
      case 0x41: {
        // A
        const items: Plain[] = [];
        for (let n = Number(body); n > 0; n--) items.push(this.object());
        return items;
      }
      default:
        throw new Error(`packed endpoint: unknown token ${JSON.stringify(token.slice(0, 8))}`);
    }
  }
}

export function unpackEndpoint(pool: StringPool, id: string, packed: string): Endpoint {
  return new Reader(pool, id, packed.split(SEP)).object() as unknown as Endpoint;
}

function releaseTokens(pool: StringPool, tokens: readonly string[]): void {
  for (const token of tokens) if (POOLED_TAGS.has(token.charAt(0))) pool.release(token.slice(1));
}

/** Gives back every pool reference a packed endpoint holds (when it is replaced or deleted). */
export function releaseEndpoint(pool: StringPool, packed: string): void {
  releaseTokens(pool, packed.split(SEP));
}
