/**
 * The contract between DNS data (zones, views) and the wire (server, codec).
 *
 * As in CoreDNS's `plugin/file/lookup.go`, a lookup never touches the wire: it
 * returns the sections and a status, and only the server turns that into header
 * flags and an RCODE. Names here are always lowercased, absolute, and written
 * without the trailing dot ("ep-1.epsrv-2.cn-hangzhou.privatelink.aliyuncs.com");
 * the root is "".
 */
/** RR types plinkd knows by name (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 6891). */
export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  HINFO: 13,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  ANY: 255,
} as const;

/** Record data, tagged by kind so encoders can switch without a type table. */
export type RData =
  | { kind: 'A'; address: string }
  | { kind: 'AAAA'; address: string }
  | { kind: 'NS'; target: string }
  | { kind: 'CNAME'; target: string }
  | { kind: 'PTR'; target: string }
  | {
      kind: 'SOA';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { kind: 'MX'; preference: number; exchange: string }
  /** Each entry is one <character-string> (≤ 255 bytes once UTF-8 encoded). */
  | { kind: 'TXT'; texts: string[] }
  | { kind: 'SRV'; priority: number; weight: number; port: number; target: string }
  /** Any other type, kept as opaque RDATA (RFC 3597). */
  | { kind: 'RAW'; type: number; data: Uint8Array };

export interface ResourceRecord {
  /** Owner name, lowercased, no trailing dot. */
  name: string;
  type: number;
  /** Always IN (1) for plinkd's data. */
  class: number;
  ttl: number;
  data: RData;
  /**
   * Zone (availability zone, e.g. "cn-hangzhou-h") this address lives in, set only
   * for endpoint addresses of services with ZoneAffinityEnabled. The lookup puts
   * the records of the asker's zone first (or alone) — docs/dns.md "ZoneAffinityEnabled".
   */
  affinityZone?: string;
}

/**
 * Who is asking. The view decides which private zones are visible (docs/dns.md "Views")
 * and which availability zone's address comes first for zone affinity.
 */
export interface QueryView {
  /** VPC of the resolver that sent the query (from resolver bindings), if any. */
  vpcId: string | undefined;
  /**
   * Availability zone (`cn-hangzhou-h`, not a DNS zone) the resolver is bound to, or the one
   * selected from EDNS Client Subnet.
   */
  zoneId: string | undefined;
}

export interface LookupQuery {
  /** Lowercased, no trailing dot. */
  name: string;
  type: number;
  view: QueryView;
}

/**
 * - success: answer holds the data (possibly a CNAME chain ending inside the zone).
 * - nameError: NXDOMAIN; authority holds the SOA.
 * - noData: the name exists but has no data of that type; authority holds the SOA.
 * - delegation: a zone cut below the apex; authority holds the NS set.
 * - notAuthoritative: no served zone contains the name in this view → REFUSED.
 */
export type LookupStatus = 'success' | 'nameError' | 'noData' | 'delegation' | 'notAuthoritative';

export interface LookupResult {
  status: LookupStatus;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  /**
   * Why a notAuthoritative result, for the Extended DNS Error of the REFUSED (RFC 8914):
   * 'view' — a private zone holds the name but is served to other VPCs, not this view;
   * 'handedOn' — the zone hands absent names on (PrivateZone ProxyPattern RECORD);
   * undefined — no zone served here holds the name.
   */
  refusal?: 'view' | 'handedOn';
}

/**
 * An A or AAAA RRset in wire form (as NSD and Knot keep RDATA), as a
 * one-byte string, each character one octet:
 *
 *   TYPE (1 octet: 1 or 28) · TTL (4 octets, big-endian) ·
 *   per record: RDATA (4 octets for A, 16 for AAAA) · zone length (1 octet, 0 = none) · affinity zone
 *
 * About 10 bytes for a one-address set. The encoder copies each RDATA into
 * the message; the affinity zone is never sent (zone affinity orders the
 * records, docs/dns.md "ZoneAffinityEnabled").
 */
export type AddressRun = string & { readonly __addressRun: unique symbol };

/** Any other RRset: its RDATA objects and, per record, the affinity zone. */
export interface RecordSet {
  readonly type: number;
  readonly ttl: number;
  readonly rdata: readonly RData[];
  readonly zones: readonly (string | undefined)[] | undefined;
}

export type StoredRRset = AddressRun | RecordSet;

/** One RRset of a section: its owner and its records as stored. */
export interface SectionRRset {
  readonly owner: string;
  readonly rrset: StoredRRset;
}

/** A lookup whose sections are stored RRsets (LookupResult with records made from them is recordsResult in lookup/rrsets.ts). */
export interface RRsetLookupResult {
  status: LookupStatus;
  /** Sections are read-only: a lookup may hand out one shared array (an empty section, a zone's negative SOA). */
  answer: readonly SectionRRset[];
  authority: readonly SectionRRset[];
  additional: readonly SectionRRset[];
  refusal?: LookupResult['refusal'];
}

/** What a response section holds: stored RRsets from a zone, or records (a test authority, the explainer). */
export type SectionItem = SectionRRset | ResourceRecord;

/**
 * Answers that may have changed: those for `name` (normalized), and with
 * `below`, for every name at or below it (a zone added, removed or rebound, or
 * a change whose reach is the whole zone).
 */
export interface AnswerChange {
  readonly name: string;
  readonly below: boolean;
}

/** What the DNS server asks for answers. Implemented by the zone registry. */
export interface DnsAuthority {
  lookup(query: LookupQuery): LookupResult;
  /**
   * The same lookup with sections of stored RRsets (lookup/rrsets.ts), which the
   * encoder copies without making records; the server prefers it when present.
   */
  lookupRRsets?(query: LookupQuery): RRsetLookupResult;
  /**
   * Increases whenever any answer may have changed. The wire fast path keys its
   * cache of encoded replies on it, so a change is never served stale.
   */
  readonly generation: number;
  /**
   * The changes after `generation` (one per step of it), so a cache drops the
   * replies they touch and keeps the rest; undefined (or no such method) when
   * they are not known, and then every reply goes.
   */
  changesSince?(generation: number): readonly AnswerChange[] | undefined;
}

/** EDNS Client Subnet option as received (RFC 7871 §6). */
export interface ClientSubnet {
  family: 1 | 2;
  sourcePrefixLength: number;
  /** Address with bits beyond the source prefix zeroed, in text form. */
  address: string;
}

/** The view of a query plus the ECS scope to echo back (RFC 7871 §7.2.1). */
export interface ResolvedView {
  view: QueryView;
  /** Prefix length the answer depends on; 0 when ECS did not change it. */
  scopePrefixLength: number;
}

/**
 * Maps a query's source to its view: resolver bindings by longest prefix, then
 * EDNS Client Subnet (if sent) to pick the zone for ZoneAffinity. Implemented
 * from the replica (resolver bindings and vSwitch CIDRs).
 */
export interface ViewResolver {
  resolve(sourceAddress: string, clientSubnet: ClientSubnet | undefined): ResolvedView;
  /** Increases whenever bindings change (part of the fast-path cache key). */
  readonly generation: number;
}
