import type { ResolvedView } from '../lookup/types.js';
import { nameKeyHash, type FastQuery } from './fast-path.js';

/**
 * A reply encoded once, replayed for every query of the same shape: same
 * lowercased name (the map key), type, size limit, EDNS/DO/ECS, and view.
 */
export interface CachedReply {
  qtype: number;
  limit: number;
  edns: boolean;
  dnssecOk: boolean;
  ecsKey: string;
  vpcId: string | undefined;
  zoneId: string | undefined;
  scope: number;
  wire: Buffer;
  rcode: number;
  view: string;
}

function matches(entry: CachedReply, query: FastQuery, view: ResolvedView): boolean {
  return (
    entry.qtype === query.qtype &&
    entry.limit === query.limit &&
    entry.edns === query.edns &&
    entry.dnssecOk === query.dnssecOk &&
    entry.ecsKey === query.ecsKey &&
    entry.vpcId === view.view.vpcId &&
    entry.zoneId === view.view.zoneId &&
    entry.scope === view.scopePrefixLength
  );
}

/**
 * Cached replies own their bytes. A reply fresh from the encoder is a slice of
 * Node's shared 8 KiB buffer pool; kept in the cache, it would keep a whole
 * pool slab alive among the short-lived replies sent around it. Each cache
 * generation copies its replies into slabs of its own, freed with it.
 */
const SLAB_BYTES = 64 * 1024;

class Arena {
  private slab: Buffer | undefined;
  private used = 0;

  copy(bytes: Buffer): Buffer {
    if (bytes.length > SLAB_BYTES / 4) return Buffer.from(bytes);
    if (this.slab === undefined || this.used + bytes.length > SLAB_BYTES) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + bytes.length);
    bytes.copy(out);
    this.used += bytes.length;
    return out;
  }
}

/**
 * TinyLFU's doorkeeper (Einziger, Friedman, Manes, "TinyLFU: A Highly
 * Efficient Cache Admission Policy", ACM TOS 2017, §3.4.2): a Bloom filter of
 * the questions that missed since its last reset. A question is let into a
 * full cache only when the filter has seen it before, so a name asked once —
 * the common case for a resolver fleet over millions of names, each asked
 * about once per TTL — neither costs an insert nor evicts the replies that are
 * asked again. Two bits per question out of 2^k, cleared after `resetAfter`
 * new questions: with the default 250,000 that is 2^23 bits (1 MiB) and a
 * false "seen" for about 0.3% of new questions.
 */
class Doorkeeper {
  private readonly bits: Int32Array;
  private readonly mask: number;
  private added = 0;

  constructor(private readonly resetAfter: number) {
    let size = 1 << 10;
    while (size < resetAfter * 32 && size < 1 << 23) size *= 2;
    this.bits = new Int32Array(size / 32);
    this.mask = size - 1;
  }

  /** Whether `hash` was seen since the last reset; marks it seen either way. */
  seen(hash: number): boolean {
    const a = hash & this.mask;
    const b = (Math.imul(hash, 0x9e3779b1) >>> 7) & this.mask;
    const bits = this.bits;
    const wa = a >>> 5;
    const wb = b >>> 5;
    const ma = 1 << (a & 31);
    const mb = 1 << (b & 31);
    if (((bits[wa] as number) & ma) !== 0 && ((bits[wb] as number) & mb) !== 0) return true;
    bits[wa] = (bits[wa] as number) | ma;
    bits[wb] = (bits[wb] as number) | mb;
    if (++this.added >= this.resetAfter) {
      bits.fill(0);
      this.added = 0;
    }
    return false;
  }
}

/** The doorkeeper's question: the name's hash with the type mixed in. */
function questionHash(query: FastQuery): number {
  return Math.imul(query.nameHash ^ query.qtype, 0x01000193);
}

/**
 * The names a generation holds, as one bit per name hash: a query whose bit
 * is clear in both generations misses without probing either map. At a large
 * fleet most queries miss, and a probe of a map of 125,000 keys for a fresh
 * key costs cache misses for its bucket and the keys it compares; the bits
 * (2^22, 512 KiB per generation at the default size) are read instead. Bits
 * are not cleared when a name is dropped: a set bit only means "probe".
 */
class NameBits {
  private readonly bits: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let size = 1 << 10;
    while (size < entries * 16 && size < 1 << 22) size *= 2;
    this.bits = new Int32Array(size / 32);
    this.mask = size - 1;
  }

  add(hash: number): void {
    const bit = hash & this.mask;
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
  }

  has(hash: number): boolean {
    const bit = hash & this.mask;
    return ((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  clear(): void {
    this.bits.fill(0);
  }
}

/**
 * Replies keyed by name, each name holding the few variants asked for (A and
 * AAAA, with and without EDNS, per view). Compared field by field rather than
 * through one composite string key: no string is built per query beyond the
 * name itself.
 *
 * Bounded with two generations: lookups hit `hot`, then `cold` (and a cold hit
 * moves up). When `hot` reaches half the budget (replies or bytes), it becomes
 * `cold` and the old `cold` is dropped whole — LRU-like without per-hit
 * bookkeeping, never above the budget. Once it is full (`hot` has turned
 * `cold` once), a miss is cached only when the doorkeeper has seen its
 * question before (admits).
 */
export class ReplyCache {
  private hot = new Map<string, CachedReply[]>();
  private cold = new Map<string, CachedReply[]>();
  private hotNames: NameBits;
  private coldNames: NameBits;
  private hotArena = new Arena();
  private hotEntries = 0;
  private coldEntries = 0;
  private hotBytes = 0;
  private coldBytes = 0;
  /** Whether `hot` has filled and turned `cold` since the last clear: admission is filtered from then on. */
  private full = false;
  private readonly doorkeeper: Doorkeeper;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    this.doorkeeper = new Doorkeeper(Math.max(1, maxEntries));
    this.hotNames = new NameBits(Math.max(1, maxEntries / 2));
    this.coldNames = new NameBits(Math.max(1, maxEntries / 2));
  }

  /**
   * Whether the reply to a query that missed should be cached: always while
   * the cache is filling, and once it is full only for a question asked
   * before (the doorkeeper). A bench measured it (docs/design/performance.md).
   */
  admits(query: FastQuery): boolean {
    if (this.maxEntries <= 0) return false;
    return !this.full || this.doorkeeper.seen(questionHash(query));
  }

  get(query: FastQuery, view: ResolvedView): CachedReply | undefined {
    const inHot = this.hotNames.has(query.nameHash);
    if (!inHot && !this.coldNames.has(query.nameHash)) return undefined;
    const variants = inHot ? this.hot.get(query.nameKey) : undefined;
    if (variants !== undefined) {
      for (const entry of variants) if (matches(entry, query, view)) return entry;
    }
    const old = this.coldNames.has(query.nameHash) ? this.cold.get(query.nameKey) : undefined;
    if (old === undefined) return undefined;
    for (const entry of old) {
      if (!matches(entry, query, view)) continue;
      this.set(query.nameKey, entry);
      return entry;
    }
    return undefined;
  }

  set(nameKey: string, given: CachedReply): void {
    if (this.maxEntries <= 0 || given.wire.length > this.maxBytes / 2) return;
    const entry = { ...given, wire: this.hotArena.copy(given.wire) };
    const variants = this.hot.get(nameKey);
    if (variants === undefined) {
      this.hot.set(nameKey, [entry]);
      this.hotNames.add(nameKeyHash(nameKey));
    } else variants.push(entry);
    this.hotEntries++;
    this.hotBytes += entry.wire.length;
    if (this.hotEntries >= Math.max(1, this.maxEntries / 2) || this.hotBytes >= this.maxBytes / 2) {
      this.full = true;
      const emptied = this.coldNames;
      emptied.clear();
      this.coldNames = this.hotNames;
      this.hotNames = emptied;
      this.cold = this.hot;
      this.coldEntries = this.hotEntries;
      this.coldBytes = this.hotBytes;
      this.hot = new Map();
      this.hotArena = new Arena();
      this.hotEntries = 0;
      this.hotBytes = 0;
    }
  }

  /** Drops the replies for one name (its wire-form key, see nameKeyOf). */
  dropName(nameKey: string): void {
    const hot = this.hot.get(nameKey);
    if (hot !== undefined) {
      this.hot.delete(nameKey);
      this.hotEntries -= hot.length;
      for (const entry of hot) this.hotBytes -= entry.wire.length;
    }
    const cold = this.cold.get(nameKey);
    if (cold !== undefined) {
      this.cold.delete(nameKey);
      this.coldEntries -= cold.length;
      for (const entry of cold) this.coldBytes -= entry.wire.length;
    }
  }

  /**
   * Drops the replies for a name and every name below it: each key that ends
   * with its wire form. A key can end so without the name being a suffix at a
   * label boundary (a length octet can be a printable byte); such a reply is
   * dropped too, which is merely one miss more.
   */
  dropBelow(nameKey: string): void {
    for (const map of [this.hot, this.cold]) {
      for (const key of map.keys()) if (key.endsWith(nameKey)) this.dropName(key);
    }
  }

  clear(): void {
    this.full = false;
    this.hotNames.clear();
    this.coldNames.clear();
    this.hot = new Map();
    this.cold = new Map();
    this.hotArena = new Arena();
    this.hotEntries = this.coldEntries = this.hotBytes = this.coldBytes = 0;
  }

  /** Replies held (a reply promoted from cold may be counted in both until cold is dropped). */
  get size(): number {
    return this.hotEntries + this.coldEntries;
  }

  get bytes(): number {
    return this.hotBytes + this.coldBytes;
  }
}
