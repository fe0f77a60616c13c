import { isWildcardRr, ownerOf } from '../../model/record-values.js';
import { rdataOf } from './record-rdata.js';
import type { PrivateZone, PrivateZoneRecord, PrivateZoneRecordType } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { Replica } from '../../replica/replica.js';
import { RRType } from '../lookup/types.js';
import { ClaimPriority, type PrivateZoneArbiter } from '../registry/index.js';
import { Zone, type AbsentNameStatus, type RecordInput } from '../zone/index.js';

/** The name server and mailbox every synthesized private zone's SOA and NS name. */
export interface PrivateApex {
  /** e.g. `ns1.cn-hangzhou.privatelink.aliyuncs.com` — the host the region zone gives addresses. */
  nameServer: string;
  /** SOA RNAME, e.g. `hostmaster.cn-hangzhou.privatelink.aliyuncs.com`. */
  hostmaster: string;
}

/**
 * SOA timers of private zones. The SOA TTL and MINIMUM make the negative TTL
 * min(300, 30) = 30 s (RFC 2308 §5): a name added through the API is seen
 * by a resolver that cached its absence within half a minute.
 */
export const PRIVATE_SOA_TTL = 300;
export const PRIVATE_NEGATIVE_TTL = 30;
export const PRIVATE_NS_TTL = 3600;

function soa(apex: PrivateApex, serial: number): RecordInput {
  return {
    ttl: PRIVATE_SOA_TTL,
    data: {
      kind: 'SOA',
      mname: apex.nameServer,
      rname: apex.hostmaster,
      serial: serial >>> 0,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: PRIVATE_NEGATIVE_TTL,
    },
  };
}

/**
 * A private zone as plinkd synthesizes its apex: the PrivateZone API manages
 * no SOA or NS, yet an authoritative answer needs the SOA (negative answers
 * carry it, RFC 2308) and a zone needs NS at its apex (RFC 1034 §4.2.1).
 */
export function createPrivateZone(origin: string, apex: PrivateApex, serial: number): Zone {
  const zone = new Zone(origin, soa(apex, serial));
  zone.setRRset(zone.origin, RRType.NS, [{ ttl: PRIVATE_NS_TTL, data: { kind: 'NS', target: apex.nameServer } }]);
  return zone;
}

const TYPE_CODES: Readonly<Record<PrivateZoneRecordType, number>> = {
  A: RRType.A,
  AAAA: RRType.AAAA,
  CNAME: RRType.CNAME,
  TXT: RRType.TXT,
  MX: RRType.MX,
  SRV: RRType.SRV,
  PTR: RRType.PTR,
};
const SERVED_TYPES = Object.values(TYPE_CODES);

/** ProxyPattern RECORD: names the zone lacks are handed on (REFUSED) rather than NXDOMAIN. */
function absentNameStatusOf(doc: PrivateZone): AbsentNameStatus {
  return doc.proxyPattern === 'RECORD' ? 'notAuthoritative' : 'nameError';
}

/** The zone's serial: its last change (every record change rewrites the zone document), in epoch seconds. */
function serialOf(doc: PrivateZone): number {
  return Math.floor(Date.parse(doc.updatedAt) / 1000);
}

const byAge = (a: PrivateZoneRecord, b: PrivateZoneRecord): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.recordId.padStart(20, '0') < b.recordId.padStart(20, '0') ? -1 : 1;

/**
 * PrivateZone documents → private zones in the registry (through the arbiter),
 * bound to each zone's VPCs. Records are indexed by zone and host record; a
 * change rebuilds the RRsets of that one host record only. Like the endpoint
 * projection, everything runs synchronously inside the replica's batch and the
 * arbiter applies the bindings at its end.
 */
export class PrivateZoneProjection {
  private readonly zones = new Map<string, { zone: Zone; doc: PrivateZone }>();
  /** zoneId → Rr → recordId → record (kept even before the zone document arrives). */
  private readonly records = new Map<string, Map<string, Map<string, PrivateZoneRecord>>>();

  constructor(
    private readonly replica: Replica,
    private readonly arbiter: PrivateZoneArbiter,
    private readonly apex: PrivateApex,
    private readonly onError: (err: unknown, context: Record<string, unknown>) => void = () => undefined,
  ) {}

  attach(): void {
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    const dirty = new Map<string, Set<string>>();
    const zoneChanges: Array<{ id: string; doc: PrivateZone | null }> = [];
    for (const { change, previous } of applied) {
      if (change.kind === 'privateZoneRecord') this.index(previous as PrivateZoneRecord | undefined, change.doc, dirty);
      else if (change.kind === 'privateZone') zoneChanges.push({ id: change.id, doc: change.doc });
    }
    if (dirty.size === 0 && zoneChanges.length === 0) return;
    for (const { id, doc } of zoneChanges) this.onZone(id, doc);
    for (const [zoneId, rrs] of dirty) {
      const entry = this.zones.get(zoneId);
      if (entry !== undefined) for (const rr of rrs) this.rebuild(zoneId, entry.zone, rr);
    }
    this.arbiter.flush();
  }

  private index(previous: PrivateZoneRecord | undefined, current: PrivateZoneRecord | null, dirty: Map<string, Set<string>>): void {
    const mark = (record: PrivateZoneRecord): void => {
      let rrs = dirty.get(record.zoneId);
      if (rrs === undefined) dirty.set(record.zoneId, (rrs = new Set()));
      rrs.add(record.rr);
    };
    if (previous !== undefined) {
      const byRr = this.records.get(previous.zoneId);
      const ids = byRr?.get(previous.rr);
      ids?.delete(previous.recordId);
      if (ids?.size === 0) byRr!.delete(previous.rr);
      if (byRr?.size === 0) this.records.delete(previous.zoneId);
      mark(previous);
    }
    if (current !== null) {
      let byRr = this.records.get(current.zoneId);
      if (byRr === undefined) this.records.set(current.zoneId, (byRr = new Map()));
      let ids = byRr.get(current.rr);
      if (ids === undefined) byRr.set(current.rr, (ids = new Map()));
      ids.set(current.recordId, current);
      mark(current);
    }
  }

  private onZone(id: string, doc: PrivateZone | null): void {
    const entry = this.zones.get(id);
    if (doc === null) {
      if (entry !== undefined) this.arbiter.release(id);
      this.zones.delete(id);
      return;
    }
    try {
      if (entry === undefined || entry.doc.zoneName !== doc.zoneName) {
        const zone = createPrivateZone(doc.zoneName, this.apex, serialOf(doc));
        zone.setAbsentNameStatus(absentNameStatusOf(doc));
        this.zones.set(id, { zone, doc });
        for (const rr of this.records.get(id)?.keys() ?? []) this.rebuild(id, zone, rr);
      } else {
        if (serialOf(entry.doc) !== serialOf(doc)) entry.zone.setRRset(entry.zone.origin, RRType.SOA, [soa(this.apex, serialOf(doc))]);
        const patternChanged = entry.doc.proxyPattern !== doc.proxyPattern;
        entry.doc = doc;
        if (patternChanged) {
          entry.zone.setAbsentNameStatus(absentNameStatusOf(doc));
          for (const rr of this.records.get(id)?.keys() ?? []) if (isWildcardRr(rr)) this.rebuild(id, entry.zone, rr);
        }
      }
      this.arbiter.claim(
        id,
        this.zones.get(id)!.zone,
        doc.vpcs.map((v) => v.vpcId),
        ClaimPriority.USER,
      );
    } catch (err) {
      this.onError(err, { zoneId: id, zoneName: doc.zoneName });
    }
  }

  /**
   * Rebuilds every RRset of one host record from its enabled records. Stored
   * data a racing writer could have left against RFC 2181 §10.1 is served
   * deterministically: a CNAME beside other data (or at the apex) gives way,
   * and of two CNAMEs the older one stays. Likewise a wildcard in a zone that
   * hands absent names on (ProxyPattern RECORD, which the API keeps free of
   * them) is not served: the names it would cover are handed on.
   */
  private rebuild(zoneId: string, zone: Zone, rr: string): void {
    const owner = ownerOf(rr, zone.origin);
    try {
      const handsOn = isWildcardRr(rr) && zone.absentNameStatus === 'notAuthoritative';
      const stored = handsOn ? [] : [...(this.records.get(zoneId)?.get(rr)?.values() ?? [])];
      const records = stored.filter((r) => r.status === 'ENABLE').sort(byAge);
      const byType = new Map<number, RecordInput[]>();
      for (const record of records) {
        const data = rdataOf(record.type, record.value, record.priority);
        if (data === undefined) continue;
        const type = TYPE_CODES[record.type];
        const list = byType.get(type) ?? [];
        list.push({ ttl: record.ttl, data });
        byType.set(type, list);
      }
      const cnames = byType.get(RRType.CNAME);
      if (cnames !== undefined) {
        if (rr === '@' || byType.size > 1) byType.delete(RRType.CNAME);
        else byType.set(RRType.CNAME, cnames.slice(0, 1));
      }
      for (const type of SERVED_TYPES) if (!byType.has(type)) zone.deleteRRset(owner, type);
      for (const [type, list] of byType) zone.setRRset(owner, type, list);
    } catch (err) {
      this.onError(err, { zoneId, owner });
    }
  }
}
