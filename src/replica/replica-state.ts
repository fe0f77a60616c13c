import { isKind, KINDS, type Change, type DocTypes, type Kind } from '../store/types.js';
import { loadDoc, releaseDoc, storeDoc, type StoredDoc } from './doc-codec.js';
import type { AppliedChange } from './applied-change.js';
import { DependentsIndex } from './dependents-index.js';
import { PackMemo } from './pack-memo.js';
import { StringPool } from './string-pool.js';

type AnyDoc = DocTypes[Kind];

/** Throws on a change no committed transaction can produce. */
function checkChange(change: Change): void {
  const { kind, id, doc } = change as { kind: unknown; id: unknown; doc: unknown };
  if (typeof kind !== 'string' || !isKind(kind)) throw new Error(`change of unknown kind ${JSON.stringify(kind)}`);
  if (typeof id !== 'string' || id === '') throw new Error(`${kind} change without an id`);
  if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) throw new Error(`${kind} ${id}: document is not an object`);
}

function ownerOf(doc: AnyDoc): string | undefined {
  const uid = (doc as { uid?: unknown }).uid;
  return typeof uid === 'string' ? uid : undefined;
}

/**
 * Documents by kind and id, with an index by owning account for the API's
 * lists. Documents are kept in the compact forms of doc-codec.ts and decoded
 * on every read: callers get a fresh object each time.
 */
export class ReplicaState {
  private docs = new Map<Kind, Map<string, StoredDoc>>(KINDS.map((k) => [k, new Map()]));
  private readonly owners = new Map<Kind, Map<string, Set<string>>>(KINDS.map((k) => [k, new Map()]));
  /** A service's endpoints, a VPC's vSwitches and endpoint count (dependents-index.ts). */
  readonly dependents = new DependentsIndex();

  /**
   * States of one replica share a pool, so equal packed forms mean equal
   * documents, and the memo that packs into it.
   */
  constructor(
    private readonly pool: StringPool = new StringPool(),
    private readonly memo: PackMemo = new PackMemo(pool),
  ) {}

  get<K extends Kind>(kind: K, id: string): DocTypes[K] | undefined {
    const stored = this.docs.get(kind)?.get(id);
    return stored === undefined ? undefined : (loadDoc(this.pool, kind, id, stored) as DocTypes[K]);
  }

  *values<K extends Kind>(kind: K): IterableIterator<DocTypes[K]> {
    for (const [id, stored] of this.docs.get(kind)!) yield loadDoc(this.pool, kind, id, stored) as DocTypes[K];
  }

  *entries<K extends Kind>(kind: K): IterableIterator<[string, DocTypes[K]]> {
    for (const [id, stored] of this.docs.get(kind)!) yield [id, loadDoc(this.pool, kind, id, stored) as DocTypes[K]];
  }

  isEmpty(): boolean {
    for (const byId of this.docs.values()) if (byId.size > 0) return false;
    return true;
  }

  count(kind: Kind): number {
    return this.docs.get(kind)?.size ?? 0;
  }

  ownedBy<K extends Kind>(kind: K, uid: string): DocTypes[K][] {
    const ids = this.owners.get(kind)?.get(uid);
    if (ids === undefined) return [];
    const byId = this.docs.get(kind)!;
    const result: DocTypes[K][] = [];
    for (const id of ids) {
      const stored = byId.get(id);
      if (stored !== undefined) result.push(loadDoc(this.pool, kind, id, stored) as DocTypes[K]);
    }
    return result;
  }

  /**
   * Applies one change and returns the document it replaced. A change that is
   * not a document of a known kind (a corrupt batch) is refused with an error
   * before anything changes.
   */
  apply(change: Change): AnyDoc | undefined {
    checkChange(change);
    const byId = this.docs.get(change.kind)!;
    const stored = byId.get(change.id);
    // Packed before the old form is released, so a document that fails to pack changes nothing.
    const next = change.doc === null ? undefined : storeDoc(this.memo, change.kind, change.id, change.doc);
    let previous: AnyDoc | undefined;
    if (stored !== undefined) {
      previous = loadDoc(this.pool, change.kind, change.id, stored);
      if (change.doc === null) this.unindex(change.kind, change.id, previous);
      else this.reindex(change.kind, change.id, previous, change.doc);
      releaseDoc(this.pool, change.kind, stored);
    } else if (change.doc !== null) this.index(change.kind, change.id, change.doc);
    if (next === undefined) byId.delete(change.id);
    else byId.set(change.id, next);
    return previous;
  }

  /**
   * Every document as a change, for a subscriber joining late. Documents are
   * decoded only when a subscriber reads `doc` (most read a few kinds only),
   * which must happen inside its onChanges call.
   */
  *asChanges(): IterableIterator<AppliedChange> {
    for (const kind of KINDS) {
      for (const [id, stored] of this.docs.get(kind)!) yield { change: this.lazyChange(kind, id, stored), previous: undefined };
    }
  }

  /** The changes that turn this state into `next` (both of one replica, sharing its pool). */
  diffTo(next: ReplicaState): AppliedChange[] {
    const applied: AppliedChange[] = [];
    for (const kind of KINDS) {
      const mine = this.docs.get(kind)!;
      const theirs = next.docs.get(kind)!;
      for (const [id, stored] of theirs) {
        const own = mine.get(id);
        if (own !== undefined && this.sameDoc(kind, id, own, stored)) continue;
        const previous = own === undefined ? undefined : loadDoc(this.pool, kind, id, own);
        applied.push({ change: next.lazyChange(kind, id, stored), previous });
      }
      for (const [id, own] of mine) {
        if (!theirs.has(id)) applied.push({ change: { kind, id, doc: null } as Change, previous: loadDoc(this.pool, kind, id, own) });
      }
    }
    return applied;
  }

  /** Gives back what this state holds in the shared pool; the state is empty afterwards. */
  dispose(): void {
    for (const [kind, byId] of this.docs) for (const stored of byId.values()) releaseDoc(this.pool, kind, stored);
    this.docs = new Map(KINDS.map((k) => [k, new Map()]));
    for (const byOwner of this.owners.values()) byOwner.clear();
    this.dependents.clear();
  }

  private sameDoc(kind: Kind, id: string, a: StoredDoc, b: StoredDoc): boolean {
    if (typeof a === 'string' && typeof b === 'string') return a === b;
    return JSON.stringify(loadDoc(this.pool, kind, id, a)) === JSON.stringify(loadDoc(this.pool, kind, id, b));
  }

  /**
   * A change whose document is decoded on first read. The packed form refers
   * to pool entries this state holds only while it keeps that form, so a read
   * after the document was replaced fails loudly instead of decoding garbage.
   */
  private lazyChange(kind: Kind, id: string, stored: StoredDoc): Change {
    if (typeof stored !== 'string') return { kind, id, doc: stored } as Change;
    // The getter's own `this` is the change object, not this state.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const state = this;
    let doc: AnyDoc | undefined;
    return {
      kind,
      id,
      get doc(): AnyDoc {
        if (doc === undefined) {
          if (state.docs.get(kind)?.get(id) !== stored) throw new Error(`replica: ${kind} ${id} read after the replica moved on`);
          doc = loadDoc(state.pool, kind, id, stored);
        }
        return doc;
      },
    } as Change;
  }

  private index(kind: Kind, id: string, doc: AnyDoc): void {
    this.dependents.add(kind, id, doc);
    const owner = ownerOf(doc);
    if (owner !== undefined) this.addOwner(kind, id, owner);
  }

  /**
   * A replaced document's index entries moved to its new form, touching only the values
   * that changed: most changes (a status, a description, a zone) keep the owner, service
   * and VPC, and a Set entry deleted and added again costs a hash-table tombstone and, in
   * time, a rehash of the whole set.
   */
  private reindex(kind: Kind, id: string, previous: AnyDoc, doc: AnyDoc): void {
    this.dependents.update(kind, id, previous, doc);
    const before = ownerOf(previous);
    const after = ownerOf(doc);
    if (before === after) return;
    if (before !== undefined) this.removeOwner(kind, id, before);
    if (after !== undefined) this.addOwner(kind, id, after);
  }

  private addOwner(kind: Kind, id: string, owner: string): void {
    const byOwner = this.owners.get(kind)!;
    let ids = byOwner.get(owner);
    if (ids === undefined) byOwner.set(owner, (ids = new Set()));
    ids.add(id);
  }

  private removeOwner(kind: Kind, id: string, owner: string): void {
    const ids = this.owners.get(kind)!.get(owner);
    ids?.delete(id);
    if (ids?.size === 0) this.owners.get(kind)!.delete(owner);
  }

  private unindex(kind: Kind, id: string, doc: AnyDoc): void {
    this.dependents.remove(kind, id, doc);
    const owner = ownerOf(doc);
    if (owner !== undefined) this.removeOwner(kind, id, owner);
  }
}
