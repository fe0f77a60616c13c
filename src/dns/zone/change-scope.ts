import { RRType } from '../lookup/types.js';
import { rrsetOf, rrsetsOf, sameRRset, type NameData } from './name-data.js';
import { storedRData, storedType, type StoredRRset } from './rrset-store.js';

/**
 * Which answers a change of one name can alter, so that a reply cache drops
 * those alone (as PowerDNS purges its packet cache per name, `pdns_control
 * purge name`) instead of everything.
 *
 * A change of the RRsets at N alters the answers for N itself. It alters other
 * names' answers too when
 * - N is the target of a CNAME, NS, MX or SRV of the zone: a chain followed in
 *   the zone (RFC 1034 §4.3.2 step 3a) or additional-section addresses
 *   (RFC 1035 §3.3.9, glue) carry N's data under other names;
 * - the change is of SOA (every negative answer carries it, RFC 2308 §3) or NS
 *   (a zone cut, RFC 1034 §4.2.1, moves every name below it);
 * - N is a wildcard, or N starts or stops existing in a zone that has
 *   wildcards: synthesis depends on the closest encloser (RFC 4592 §3.3.1).
 * Then the whole zone is reported. When N starts or stops existing, the names
 * between it and its nearest ancestor that exists before and after (the zone
 * says which: `stableDepth`) become or stop being empty non-terminals
 * (NXDOMAIN ↔ NODATA, RFC 4592 §2.2.2): they are reported with it, and
 * when one of them is a target, the whole zone is. An ancestor that exists
 * either way (a service's domain, pinned, beside its endpoints' names) answers
 * as before and keeps its replies.
 *
 * Both sets are only ever added to: a target that is no longer referenced
 * makes later changes of it zone-wide, which is safe (a few more replies
 * dropped) and keeps no counts.
 */
export class ChangeScope {
  private readonly targets = new Set<string>();
  private wildcards = false;

  /**
   * Notes what a change of the name at `labels` to `data` brings that later
   * changes depend on: a wildcard, and the names `data` refers to (targets of
   * CNAME, NS, MX, SRV; the SOA's names do not name data). Called for every
   * change, also when its names are not asked for.
   */
  remember(labels: readonly string[], data: NameData | undefined): void {
    if (labels.includes('*')) this.wildcards = true;
    for (const rrset of rrsetsOf(data)) {
      const type = storedType(rrset);
      if (type === RRType.CNAME || type === RRType.NS || type === RRType.MX || type === RRType.SRV) {
        for (const target of targetsOf(rrset)) this.targets.add(target);
      }
    }
  }

  /**
   * The names whose answers may have changed, nearest first, or undefined for
   * "any name of the zone". `labels` are the owner's labels below the apex
   * (nearest the apex first), `owner` its full name. When its existence
   * changed, `stableDepth` is the number of labels of its deepest ancestor
   * that exists before and after (0: the apex).
   */
  affected(
    owner: string,
    labels: readonly string[],
    before: NameData | undefined,
    after: NameData | undefined,
    existenceChanged: boolean,
    stableDepth = 0,
  ): string[] | undefined {
    if (labels.includes('*') || this.targets.has(owner) || (existenceChanged && this.wildcards)) return undefined;
    if (touchesType(before, after, RRType.SOA) || touchesType(before, after, RRType.NS)) return undefined;
    if (!existenceChanged) return [owner];
    const names = [owner];
    let at = 0;
    for (let i = labels.length - 1; i > stableDepth; i--) {
      at = owner.indexOf('.', at) + 1;
      const above = owner.slice(at);
      // An empty non-terminal appearing or going at a target changes the answers that lead to it.
      if (this.targets.has(above)) return undefined;
      names.push(above);
    }
    return names;
  }
}

function targetsOf(rrset: StoredRRset): string[] {
  return storedRData(rrset).flatMap((data) => {
    if (data.kind === 'CNAME' || data.kind === 'NS' || data.kind === 'SRV') return [data.target];
    return data.kind === 'MX' ? [data.exchange] : [];
  });
}

function touchesType(before: NameData | undefined, after: NameData | undefined, type: number): boolean {
  return !sameRRset(rrsetOf(before, type), rrsetOf(after, type));
}
