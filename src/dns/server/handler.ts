import { performance } from 'node:perf_hooks';
import type { DnsAuthority, ViewResolver } from '../lookup/types.js';
import { Flag, HEADER_SIZE, Rcode } from '../wire/constants.js';
import { readName } from '../wire/name-read.js';
import { nameKeyOf, patchReply, scanFastQuery } from './fast-path.js';
import { ReplyCache } from './reply-cache.js';
import { NO_VIEW, Responder, type Answer } from './responder.js';
import type { DnsMetricsSink, QueryLogEntry, QuerySource } from './types.js';

export interface HandlerOptions {
  authority: DnsAuthority;
  views: ViewResolver;
  replyCacheEntries?: number;
  replyCacheBytes?: number;
  metrics?: DnsMetricsSink;
  queryLog?: (entry: QueryLogEntry) => void;
  onError?: (err: Error) => void;
}

/**
 * What metrics and the query log read of the last reply, kept in the handler
 * rather than in an object per query (handle is synchronous).
 */
interface Handled {
  rcode: number;
  view: string;
  cached: boolean;
  /** 0 when the query had no readable question. */
  qtype: number;
}

/**
 * The reply cache's default budget. 50,000 replies held less than one pass of
 * bench:dns's 100k-query file over a large fleet (~73k distinct name/type
 * pairs), and its two generations then missed on nearly every query: the fast
 * path cost as much as the full path. 250,000 replies of ~100 bytes are ~60 MB
 * with their bookkeeping.
 */
const DEFAULT_REPLY_CACHE_ENTRIES = 250_000;
const DEFAULT_REPLY_CACHE_BYTES = 64 * 1024 * 1024;

/** A bare SERVFAIL header for when even encoding a SERVFAIL failed. */
function headerOnlyServfail(msg: Buffer): Buffer {
  const out = Buffer.alloc(HEADER_SIZE);
  msg.copy(out, 0, 0, 2);
  out.writeUInt16BE(Flag.QR | (msg.readUInt16BE(2) & 0x7800) | Rcode.SERVFAIL, 2);
  return out;
}

/**
 * Turns one query message into one reply (or silence), whichever transport it
 * came on. The fast path replays a cached reply; the Responder is the full path
 * and the source of every cached reply. Never throws: an internal error becomes
 * SERVFAIL and is reported to onError.
 */
export class DnsHandler {
  private readonly responder: Responder;
  private readonly cache: ReplyCache;
  private authorityGeneration = Number.NaN;
  private viewsGeneration = Number.NaN;
  private readonly observing: boolean;
  private hits = 0;
  private misses = 0;
  /** Replies dropped because an answer changed (not those aged out by the cache's budget). */
  private dropped = 0;
  private readonly last: Handled = { rcode: 0, view: NO_VIEW, cached: false, qtype: 0 };

  constructor(private readonly options: HandlerOptions) {
    this.responder = new Responder(options.authority, options.views);
    this.cache = new ReplyCache(
      options.replyCacheEntries ?? DEFAULT_REPLY_CACHE_ENTRIES,
      options.replyCacheBytes ?? DEFAULT_REPLY_CACHE_BYTES,
    );
    this.observing = options.metrics !== undefined || options.queryLog !== undefined;
  }

  /** Entries currently cached (for tests and metrics). */
  get cachedReplies(): number {
    return this.cache.size;
  }

  /**
   * Fast-path queries answered from the reply cache, those that were not, and replies dropped
   * because a change may have altered them (for tests, metrics and bench:dns-churn).
   */
  get replyCacheStats(): { hits: number; misses: number; dropped: number } {
    return { hits: this.hits, misses: this.misses, dropped: this.dropped };
  }

  handle(msg: Buffer, source: QuerySource): Buffer | null {
    const started = this.observing ? performance.now() : 0;
    let reply: Buffer | null;
    try {
      reply = this.answer(msg, source);
    } catch (err) {
      this.report(err);
      reply = this.servfail(msg, source);
    }
    if (reply !== null && this.observing) this.observe(msg, source, reply, started);
    return reply;
  }

  /** The reply (or null for silence), with what metrics read of it in `last`. */
  private answer(msg: Buffer, source: QuerySource): Buffer | null {
    const fast = scanFastQuery(msg, source.transport);
    if (fast === null) return this.fromAnswer(this.responder.respond(msg, source));
    this.dropStaleReplies();
    const resolved = this.options.views.resolve(source.address, fast.clientSubnet?.subnet);
    const hit = this.cache.get(fast, resolved);
    if (hit !== undefined) {
      this.hits++;
      return this.handled(patchReply(hit.wire, msg, fast.nameEnd), hit.rcode, hit.view, true, fast.qtype);
    }
    this.misses++;
    const answer = this.responder.respondScanned(msg, source, fast, resolved);
    if (answer?.cacheable === true && this.cache.admits(fast)) {
      this.cache.set(
        fast.nameKey,
        {
          qtype: fast.qtype,
          limit: fast.limit,
          edns: fast.edns,
          dnssecOk: fast.dnssecOk,
          ecsKey: fast.ecsKey,
          vpcId: resolved.view.vpcId,
          zoneId: resolved.view.zoneId,
          scope: resolved.scopePrefixLength,
          wire: answer.reply,
          rcode: answer.rcode,
          view: answer.view,
        },
        fast.nameHash,
      );
    }
    return this.fromAnswer(answer);
  }

  private fromAnswer(answer: Answer | null): Buffer | null {
    if (answer === null) return null;
    return this.handled(answer.reply, answer.rcode, answer.view, false, answer.question?.type ?? 0);
  }

  private handled(reply: Buffer, rcode: number, view: string, cached: boolean, qtype: number): Buffer {
    const last = this.last;
    last.rcode = rcode;
    last.view = view;
    last.cached = cached;
    last.qtype = qtype;
    return reply;
  }

  /**
   * Drops the replies a change may have made stale: per name or per zone as
   * the authority reports them (DnsAuthority.changesSince), everything when it
   * cannot say or when bindings changed (a view can change any answer).
   */
  private dropStaleReplies(): void {
    const { authority, views } = this.options;
    const a = authority.generation;
    const v = views.generation;
    if (a === this.authorityGeneration && v === this.viewsGeneration) return;
    const changes = v === this.viewsGeneration ? authority.changesSince?.(this.authorityGeneration) : undefined;
    const held = this.cache.size;
    if (changes === undefined) this.cache.clear();
    else for (const change of changes) this.dropChanged(change.name, change.below);
    this.dropped += held - this.cache.size;
    this.authorityGeneration = a;
    this.viewsGeneration = v;
  }

  private dropChanged(name: string, below: boolean): void {
    const key = nameKeyOf(name);
    if (below) this.cache.dropBelow(key);
    else this.cache.dropName(key);
  }

  private servfail(msg: Buffer, source: QuerySource): Buffer | null {
    try {
      return this.fromAnswer(this.responder.failure(msg, source));
    } catch (err) {
      this.report(err);
      return msg.length >= HEADER_SIZE ? this.handled(headerOnlyServfail(msg), Rcode.SERVFAIL, NO_VIEW, false, 0) : null;
    }
  }

  private report(err: unknown): void {
    const onError = this.options.onError;
    if (onError === undefined) return;
    try {
      onError(err instanceof Error ? err : new Error(String(err)));
    } catch {
      // A failing error hook must not take the server down.
    }
  }

  /** The question as asked, read again only for the query log. */
  private static question(msg: Buffer): { qname: string; qclass: number } {
    if (msg.length < HEADER_SIZE || msg.readUInt16BE(4) === 0) return { qname: '', qclass: 0 };
    try {
      const name = readName(msg, HEADER_SIZE);
      return { qname: name.text, qclass: name.end + 4 <= msg.length ? msg.readUInt16BE(name.end + 2) : 0 };
    } catch {
      return { qname: '', qclass: 0 };
    }
  }

  private observe(msg: Buffer, source: QuerySource, reply: Buffer, started: number): void {
    const seconds = (performance.now() - started) / 1000;
    const handled = this.last;
    try {
      this.options.metrics?.observe(handled.rcode, handled.qtype, handled.view, seconds);
      const log = this.options.queryLog;
      if (log === undefined) return;
      const { qname, qclass } = DnsHandler.question(msg);
      log({
        time: Date.now(),
        client: source.address,
        clientPort: source.port,
        protocol: source.transport,
        id: msg.readUInt16BE(0),
        qname,
        qtype: handled.qtype,
        qclass,
        rcode: handled.rcode,
        view: handled.view,
        size: reply.length,
        cached: handled.cached,
        durationMicros: Math.round(seconds * 1e6),
      });
    } catch (err) {
      this.report(err);
    }
  }
}
