import { docKey } from './doc-key.js';
import { isKind, type Change, type DocTypes, type Kind, type Transaction } from './types.js';

/** A document as read at the start of a transaction: its raw JSON, or null if absent. */
export interface ReadRecord {
  kind: Kind;
  id: string;
  raw: string | null;
}

export interface WriteRecord {
  kind: Kind;
  id: string;
  /** JSON of the new document, or null to delete. */
  raw: string | null;
}

type RawReader = (kind: Kind, id: string) => Promise<string | null>;

/**
 * The store-independent half of a transaction: remembers the raw JSON of every
 * document it read (the compare-and-set precondition) and buffers writes. Reads
 * after a write in the same transaction see the write.
 */
export class TrackedTransaction implements Transaction {
  private readonly reads = new Map<string, ReadRecord>();
  /** Reads asked for and not answered yet: a second get of the same document waits for the first. */
  private readonly reading = new Map<string, Promise<ReadRecord>>();
  private readonly writes = new Map<string, WriteRecord>();

  constructor(private readonly readRaw: RawReader) {}

  /**
   * Gets issued together (Promise.all) reach the store together: the Redis store answers
   * the reads asked for in one turn of the event loop with one round trip (redis-store.ts).
   */
  async get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined> {
    const key = docKey(kind, id);
    const written = this.writes.get(key);
    if (written !== undefined) return parseDoc<K>(written.raw);
    const read = this.reads.get(key) ?? (await this.readOnce(key, kind, id));
    // A put made while the read was on its way is what this transaction sees.
    const writtenSince = this.writes.get(key);
    return parseDoc<K>(writtenSince !== undefined ? writtenSince.raw : read.raw);
  }

  async prefetch(refs: ReadonlyArray<readonly [Kind, string | undefined]>): Promise<void> {
    const pending: Array<Promise<ReadRecord>> = [];
    for (const [kind, id] of refs) {
      if (id === undefined) continue;
      const key = docKey(kind, id);
      if (!this.writes.has(key) && !this.reads.has(key)) pending.push(this.readOnce(key, kind, id));
    }
    await Promise.all(pending);
  }

  private readOnce(key: string, kind: Kind, id: string): Promise<ReadRecord> {
    let pending = this.reading.get(key);
    if (pending === undefined) {
      pending = this.readRaw(kind, id).then(
        (raw) => {
          const read: ReadRecord = { kind, id, raw };
          this.reads.set(key, read);
          this.reading.delete(key);
          return read;
        },
        (err: unknown) => {
          this.reading.delete(key);
          throw err;
        },
      );
      this.reading.set(key, pending);
    }
    return pending;
  }

  put<K extends Kind>(kind: K, id: string, doc: DocTypes[K]): void {
    this.writes.set(docKey(kind, id), { kind, id, raw: JSON.stringify(doc) });
  }

  delete(kind: Kind, id: string): void {
    this.writes.set(docKey(kind, id), { kind, id, raw: null });
  }

  readSet(): ReadRecord[] {
    return [...this.reads.values()];
  }

  /** Writes that actually change something (a put of identical JSON is dropped). */
  effectiveWrites(): WriteRecord[] {
    const result: WriteRecord[] = [];
    for (const [key, write] of this.writes) {
      const read = this.reads.get(key);
      if (read !== undefined && read.raw === write.raw) continue;
      result.push(write);
    }
    return result;
  }
}
// Only reads are preconditions: a blind write (a document never read in the
// transaction, such as one under a fresh random ID) is last-writer-wins by design.

export function parseDoc<K extends Kind>(raw: string | null): DocTypes[K] | undefined {
  return raw === null ? undefined : (JSON.parse(raw) as DocTypes[K]);
}

export function changesOf(writes: readonly WriteRecord[]): Change[] {
  return writes.map((w) => ({ kind: w.kind, id: w.id, doc: parseDoc(w.raw) ?? null }) as Change);
}

/** Serialized form of a batch's changes inside the stream: [kind, id, rawJson|null][]. */
export type EncodedChanges = Array<[Kind, string, string | null]>;

export function encodeChanges(writes: readonly WriteRecord[]): string {
  const encoded: EncodedChanges = writes.map((w) => [w.kind, w.id, w.raw]);
  return JSON.stringify(encoded);
}

/**
 * The changes of a stream entry; throws on anything but the form encodeChanges
 * writes (a corrupt or foreign entry must stop the follower, not be skipped).
 * With `kinds`, the changes of other kinds are left out, their documents not
 * parsed (nor checked: the processes that hold those kinds check them).
 */
export function decodeChanges(payload: string, kinds?: ReadonlySet<Kind>): Change[] {
  const encoded: unknown = JSON.parse(payload);
  if (!Array.isArray(encoded)) throw new Error('change batch is not a list');
  const changes: Change[] = [];
  for (const entry of encoded as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) throw new Error('change is not [kind, id, document]');
    const [kind, id, raw] = entry as unknown[];
    if (typeof kind !== 'string' || !isKind(kind)) throw new Error(`change of unknown kind ${JSON.stringify(kind)}`);
    if (typeof id !== 'string' || id === '') throw new Error(`${kind} change without an id`);
    if (raw !== null && typeof raw !== 'string') throw new Error(`${kind} ${id}: document is neither JSON text nor null`);
    // A kind the follower leaves out is not parsed (FollowOptions.kinds).
    if (kinds !== undefined && !kinds.has(kind)) continue;
    const doc: unknown = raw === null ? null : JSON.parse(raw);
    if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) throw new Error(`${kind} ${id}: document is not an object`);
    changes.push({ kind, id, doc } as Change);
  }
  return changes;
}
