import { EDNS_DO_FLAG, EdnsOptionCode } from './constants.js';
import { parseClientSubnet, type ReceivedClientSubnet } from './client-subnet.js';
import { WireFormatError } from './errors.js';

export interface EdnsOption {
  code: number;
  data: Buffer;
}

/** The OPT pseudo-RR of a query (RFC 6891 §6.1.2–6.1.3), as sent. */
export interface QueryEdns {
  /** Requestor's UDP payload size, as sent (may be < 512). */
  udpSize: number;
  version: number;
  dnssecOk: boolean;
  /** The whole 16-bit flags field, including bits that are not defined. */
  flags: number;
  options: EdnsOption[];
  /** Parsed only for version 0; undefined when absent. */
  clientSubnet: ReceivedClientSubnet | undefined;
}

/** Splits OPT RDATA into {code, length, data} options (RFC 6891 §6.1.2). */
export function readOptions(buf: Buffer, start: number, end: number): EdnsOption[] {
  const options: EdnsOption[] = [];
  let p = start;
  while (p < end) {
    if (end - p < 4) throw new WireFormatError('bad-option-length', `option header at ${p} cut short`);
    const code = buf.readUInt16BE(p);
    const length = buf.readUInt16BE(p + 2);
    if (p + 4 + length > end) throw new WireFormatError('bad-option-length', `option ${code} runs past the OPT record`);
    options.push({ code, data: buf.subarray(p + 4, p + 4 + length) });
    p += 4 + length;
  }
  return options;
}

/** Reads the fixed part of an OPT record from its CLASS and TTL (RFC 6891 §6.1.3). */
export function readQueryEdns(udpSize: number, ttl: number, options: EdnsOption[]): QueryEdns {
  const version = (ttl >>> 16) & 0xff;
  const flags = ttl & 0xffff;
  return { udpSize, version, dnssecOk: (flags & EDNS_DO_FLAG) !== 0, flags, options, clientSubnet: undefined };
}

/**
 * The ECS option among the options of a version-0 OPT, validated (RFC 7871 §6).
 * Two ECS options make no sense (which subnet?) and are refused like a malformed one.
 */
export function findClientSubnet(options: readonly EdnsOption[]): ReceivedClientSubnet | undefined {
  let found: ReceivedClientSubnet | undefined;
  for (const option of options) {
    if (option.code !== EdnsOptionCode.CLIENT_SUBNET) continue;
    if (found !== undefined) throw new WireFormatError('duplicate-client-subnet', 'two ECS options');
    found = parseClientSubnet(option.data);
  }
  return found;
}
