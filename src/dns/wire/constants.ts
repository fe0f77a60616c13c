/**
 * Wire-format numbers of the DNS protocol, named once.
 *
 * Header layout: RFC 1035 §4.1.1. EDNS(0): RFC 6891. Client Subnet: RFC 7871.
 */

/** Size of the fixed message header (RFC 1035 §4.1.1). */
export const HEADER_SIZE = 12;

/** RCODEs (RFC 1035 §4.1.1, RFC 6891 §9 for the extended BADVERS). */
export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  /** Extended RCODE: upper 8 bits travel in the OPT TTL (RFC 6891 §6.1.3). */
  BADVERS: 16,
} as const;

/** OPCODEs (RFC 1035 §4.1.1); only QUERY is implemented. */
export const Opcode = {
  QUERY: 0,
} as const;

/** Bits of the 16-bit flags word (bytes 2–3 of the header). */
export const Flag = {
  QR: 0x8000,
  AA: 0x0400,
  TC: 0x0200,
  RD: 0x0100,
  RA: 0x0080,
  /** The last reserved bit; must be zero in responses (RFC 1035 §4.1.1). */
  Z: 0x0040,
  AD: 0x0020,
  CD: 0x0010,
} as const;

/** QCLASS values (RFC 1035 §3.2.4–3.2.5). */
export const QClass = {
  IN: 1,
  ANY: 255,
} as const;

/** QTYPEs with protocol meaning beyond a lookup. */
export const QType = {
  OPT: 41,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
} as const;

/** EDNS option codes plinkd looks at (IANA "DNS EDNS0 Option Codes"). */
export const EdnsOptionCode = {
  CLIENT_SUBNET: 8,
  /** Extended DNS Error (RFC 8914): sent in REFUSED and SERVFAIL replies, never read. */
  EXTENDED_ERROR: 15,
} as const;

/** The DO bit in the OPT TTL's flags half (RFC 3225 §3). */
export const EDNS_DO_FLAG = 0x8000;

/**
 * UDP payload limits. 512 without EDNS (RFC 1035 §4.2.1); values below 512 are
 * treated as 512 (RFC 6891 §6.2.5); plinkd advertises and never exceeds 1232,
 * the DNS Flag Day 2020 size that avoids IP fragmentation.
 */
export const UDP_CLASSIC_LIMIT = 512;
export const UDP_ADVERTISED_SIZE = 1232;
/** A TCP message carries a 2-byte length (RFC 1035 §4.2.2, RFC 7766 §8). */
export const TCP_MESSAGE_LIMIT = 65535;

/** Name limits (RFC 1035 §2.3.4): 63 octets a label, 255 octets a name on the wire. */
export const MAX_LABEL_LENGTH = 63;
export const MAX_NAME_LENGTH = 255;
/**
 * A name has at most 127 labels, so a decoder that follows more pointers than that
 * is being fed a loop or a pointer chain built to waste time.
 */
export const MAX_POINTER_HOPS = 127;

/** Name compression pointers can address only the first 16 KiB (RFC 1035 §4.1.4). */
export const MAX_POINTER_OFFSET = 0x3fff;
