import type { Endpoint } from '../model/types.js';
import { ANCHOR_KEYS, GROUPS, type PackMemo } from './pack-memo.js';
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
 * (0x1f). The first GROUPS tokens name the document's groups (below): G<ref>
 * or - for an empty group. The rest each start with a tag:
 *   K<ref>   an object's key list (JSON, pooled: one per distinct shape)
 *   !        the endpoint id itself
 *   x<n> y<n> z<n>  part n of group 0, 1 or 2; X<n> Y<n> Z<n> the endpoint
 *            id followed by that part (endpoint and zone domains)
 *   .<ref>   the endpoint id followed by a pooled rest
 *   @<ref>   a pooled string (policies, keys no group names)
 *   =<text>  an inline string (names, ENI ids and addresses, times: mostly
 *            unique, so pooling them would only add a map entry)
 *   #<num>   a finite number; t / f booleans; ~ null; u undefined
 *   j<ref>   any other array or object as pooled JSON (tags, security groups)
 *   A<n>     an array of n objects packed in line (the zones)
 *
 * Groups: the string values of the keys in GROUP_OF, joined by RS (0x1e) in
 * the order met, pooled as one entry per group — the values an endpoint shares
 * with the rest of the fleet (statuses, region, zones), with its service
 * (service id and name, the service's part of each domain, resource ids) and
 * with its VPC (VPC, owner, vSwitch ids). One pool acquisition per group
 * instead of one per value: a load made ~40 per endpoint, each reaching a pool
 * entry not touched since that service's previous endpoint, the largest part
 * of the packing (2026-12-03-scale-200k-first-load-ab.md).
 *
 * Decoding gives back a document equal to the one stored, key order included;
 * a document that cannot be packed (not an object, a non-finite number) stays
 * a plain object.
 */
const SEP = '\u001f';
const RS = '\u001e';

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
const POOLED_TAGS = new Set(['K', '.', '@', 'j', 'G']);

/** The group of each key's string values (at any depth: zones share the endpoint's keys' meaning). */
const GROUP_OF: ReadonlyMap<string, number> = new Map([
  // Shared with most of the fleet: a handful of distinct combinations.
  ['regionId', 0],
  ['endpointType', 0],
  ['zoneId', 0],
  ['zoneStatus', 0],
  ['addressIpVersion', 0],
  ['endpointStatus', 0],
  ['connectionStatus', 0],
  ['endpointBusinessStatus', 0],
  ['ownBusinessStatus', 0],
  ['trafficControlMode', 0],
  // The service's.
  ['serviceId', 1],
  ['serviceName', 1],
  ['serviceUid', 1],
  ['endpointDomain', 1],
  ['zoneDomain', 1],
  ['resourceId', 1],
  // The VPC's and its owner's.
  ['vpcId', 2],
  ['uid', 2],
  ['vSwitchId', 2],
  ['resourceGroupId', 2],
]);
const GROUP_TAGS = ['x', 'y', 'z'] as const;
const GROUP_ID_TAGS = ['X', 'Y', 'Z'] as const;
const NO_GROUP = '-';

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

class Unpackable extends Error {}

/**
 * Tokens by tag and number (pool index or group part): a token depends on
 * nothing else, so each is made once (concatenating a tag and a reference per
 * value was a visible share of the packer's garbage, bench:scale).
 */
const tokens: Record<string, string[]> = {};

function tokenOf(tag: string, n: number): string {
  const byNumber = (tokens[tag] ??= []);
  return byNumber[n] ?? (byNumber[n] = `${tag}${poolRef(n)}`);
}

/**
 * The document being packed. Packing is synchronous, so one set of scratch
 * arrays serves every document, written by index and never emptied (emptying
 * a JS array drops its backing store, and regrowing it per endpoint was a
 * kilobyte or two of garbage each): the tokens, the parts of each group, and
 * the pool indices acquired (given back if the document turns out unpackable).
 */
const out: string[] = [];
let written = 0;
const groupParts: string[][] = Array.from({ length: GROUPS }, () => []);
const partCounts = new Int32Array(GROUPS);
let held = new Int32Array(64);
let heldCount = 0;

function emit(token: string): void {
  out[written++] = token;
}

function emitPooled(memo: PackMemo, tag: string, value: string): void {
  const index = memo.acquire(written, value);
  if (heldCount === held.length) {
    const grown = new Int32Array(2 * held.length);
    grown.set(held);
    held = grown;
  }
  held[heldCount++] = index;
  emit(tokenOf(tag, index));
}

function packString(memo: PackMemo, id: string, key: string, value: string): void {
  if (value === id) return emit('!');
  if (INLINE_KEYS.has(key) && value.indexOf(SEP) < 0) return emit(`=${value}`);
  const prefixed = value.length > id.length && value.startsWith(id);
  const group = GROUP_OF.get(key);
  if (group !== undefined && value.indexOf(RS) < 0) {
    const n = partCounts[group]!;
    emit(tokenOf(prefixed ? GROUP_ID_TAGS[group]! : GROUP_TAGS[group]!, n));
    groupParts[group]![n] = prefixed ? value.slice(id.length) : value;
    partCounts[group] = n + 1;
    return;
  }
  if (prefixed) emitPooled(memo, '.', value.slice(id.length));
  else emitPooled(memo, '@', value);
}

function packValue(memo: PackMemo, id: string, key: string, value: unknown): void {
  switch (typeof value) {
    case 'string':
      packString(memo, id, key, value);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new Unpackable();
      emit(`#${value}`);
      return;
    case 'boolean':
      emit(value ? 't' : 'f');
      return;
    case 'undefined':
      emit('u');
      return;
    case 'object':
      if (value === null) {
        emit('~');
      } else if (NESTED_KEYS.has(key) && Array.isArray(value) && value.every(isPlainObject)) {
        emit(`A${value.length}`);
        for (const element of value) packObject(memo, id, element, false);
      } else {
        emitPooled(memo, 'j', JSON.stringify(value));
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

function packObject(memo: PackMemo, id: string, doc: Plain, top: boolean): void {
  const keys = Object.keys(doc);
  emitPooled(memo, 'K', shapeTextOf(keys));
  for (const key of keys) {
    const value = doc[key];
    if (top && typeof value === 'string' && value !== id && ANCHOR_KEYS.has(key)) memo.anchor(value);
    packValue(memo, id, key, value);
  }
}

/** The packed form, or undefined when the document cannot be packed. */
export function packEndpoint(memo: PackMemo, id: string, doc: Endpoint): string | undefined {
  if (!isPlainObject(doc)) return undefined;
  written = GROUPS; // the group headers come first, once the groups are known
  heldCount = 0;
  partCounts.fill(0);
  memo.begin();
  try {
    packObject(memo, id, doc, true);
  } catch (err) {
    for (let i = 0; i < heldCount; i++) memo.pool.releaseIndex(held[i]!);
    if (!(err instanceof Unpackable)) throw err;
    return undefined;
  }
  for (let g = 0; g < GROUPS; g++) {
    const count = partCounts[g]!;
    out[g] = count === 0 ? NO_GROUP : tokenOf('G', memo.acquireGroup(g, groupParts[g]!, count, RS));
  }
  // Documents of one shape write as many tokens, so this changes nothing from one to the next.
  if (out.length !== written) out.length = written;
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

const EMPTY_GROUP: readonly string[] = [];

class Reader {
  private at = GROUPS;
  private readonly read = (): unknown => this.value();
  private readonly groups: Array<readonly string[]> = [];
  constructor(
    private readonly pool: StringPool,
    private readonly id: string,
    private readonly tokens: string[],
  ) {
    for (let g = 0; g < GROUPS; g++) {
      const header = tokens[g]!;
      this.groups.push(header === NO_GROUP ? EMPTY_GROUP : pool.get(header.slice(1)).split(RS));
    }
  }

  private part(group: number, body: string): string {
    const part = this.groups[group]![parseInt(body, 36)];
    if (part === undefined) throw new Error(`packed endpoint: no part ${body} in group ${group}`);
    return part;
  }

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
      case 0x78:
        return this.part(0, body); // x
      case 0x79:
        return this.part(1, body); // y
      case 0x7a:
        return this.part(2, body); // z
      case 0x58:
        return this.id + this.part(0, body); // X
      case 0x59:
        return this.id + this.part(1, body); // Y
      case 0x5a:
        return this.id + this.part(2, body); // Z
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
