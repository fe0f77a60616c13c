import { KINDS, type Change, type DocTypes, type Kind } from '../store/types.js';
import type { AppliedChange } from './replica.js';

type AnyDoc = DocTypes[Kind];

function ownerOf(doc: AnyDoc): string | undefined {
  const uid = (doc as { uid?: unknown }).uid;
  return typeof uid === 'string' ? uid : undefined;
}

/** Documents by kind and id, with an index by owning account for the API's lists. */
export class ReplicaState {
  private readonly docs = new Map<Kind, Map<string, AnyDoc>>(KINDS.map((k) => [k, new Map()]));
  private readonly owners = new Map<Kind, Map<string, Set<string>>>(KINDS.map((k) => [k, new Map()]));

  get<K extends Kind>(kind: K, id: string): DocTypes[K] | undefined {
    return this.docs.get(kind)?.get(id) as DocTypes[K] | undefined;
  }

  values<K extends Kind>(kind: K): IterableIterator<DocTypes[K]> {
    return (this.docs.get(kind) as Map<string, DocTypes[K]>).values();
  }

  entries<K extends Kind>(kind: K): IterableIterator<[string, DocTypes[K]]> {
    return (this.docs.get(kind) as Map<string, DocTypes[K]>).entries();
  }

  count(kind: Kind): number {
    return this.docs.get(kind)?.size ?? 0;
  }

  ownedBy<K extends Kind>(kind: K, uid: string): DocTypes[K][] {
    const ids = this.owners.get(kind)?.get(uid);
    if (ids === undefined) return [];
    const byId = this.docs.get(kind) as Map<string, DocTypes[K]>;
    const result: DocTypes[K][] = [];
    for (const id of ids) {
      const doc = byId.get(id);
      if (doc !== undefined) result.push(doc);
    }
    return result;
  }

  /** Applies one change and returns the document it replaced. */
  apply(change: Change): AnyDoc | undefined {
    const byId = this.docs.get(change.kind)!;
    const previous = byId.get(change.id);
    if (previous !== undefined) this.unindex(change.kind, change.id, previous);
    if (change.doc === null) byId.delete(change.id);
    else {
      byId.set(change.id, change.doc);
      this.index(change.kind, change.id, change.doc);
    }
    return previous;
  }

  /** The changes that turn this state into `next`. */
  diffTo(next: ReplicaState): AppliedChange[] {
    const applied: AppliedChange[] = [];
    for (const kind of KINDS) {
      const mine = this.docs.get(kind)!;
      const theirs = next.docs.get(kind)!;
      for (const [id, doc] of theirs) {
        const previous = mine.get(id);
        if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(doc)) {
          applied.push({ change: { kind, id, doc } as Change, previous });
        }
      }
      for (const [id, previous] of mine) {
        if (!theirs.has(id)) applied.push({ change: { kind, id, doc: null } as Change, previous });
      }
    }
    return applied;
  }

  private index(kind: Kind, id: string, doc: AnyDoc): void {
    const owner = ownerOf(doc);
    if (owner === undefined) return;
    const byOwner = this.owners.get(kind)!;
    let ids = byOwner.get(owner);
    if (ids === undefined) byOwner.set(owner, (ids = new Set()));
    ids.add(id);
  }

  private unindex(kind: Kind, id: string, doc: AnyDoc): void {
    const owner = ownerOf(doc);
    if (owner === undefined) return;
    const ids = this.owners.get(kind)!.get(owner);
    ids?.delete(id);
    if (ids?.size === 0) this.owners.get(kind)!.delete(owner);
  }
}
