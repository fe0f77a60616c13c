import { RRType } from '../lookup/types.js';
import { isAtOrBelow } from '../zone/names.js';
import { Zone } from '../zone/zone.js';
import { ZoneDataError } from '../zone/errors.js';
import type { MasterFileError } from './errors.js';
import type { ParsedRecord } from './parser.js';

/**
 * Turns parsed records into a Zone, refusing what a zone may not contain:
 * names outside the origin, anything but exactly one SOA at the apex
 * (RFC 1035 §5.2), no NS at the apex (RFC 1034 §4.2.1), a CNAME beside other
 * data (RFC 2181 §10.1). Any error refuses the whole zone, as NSD and BIND do.
 */
export function buildZone(
  origin: string,
  records: readonly ParsedRecord[],
  file: string,
): { zone: Zone | undefined; errors: MasterFileError[] } {
  const errors: MasterFileError[] = [];
  const at = (line: number, where: string, message: string): void => {
    errors.push({ file: where, line, message });
  };
  const inZone = records.filter((rr) => {
    if (isAtOrBelow(rr.owner, origin)) return true;
    at(rr.line, rr.file, `${rr.owner || '.'} is outside zone ${origin} (out-of-zone data is refused)`);
    return false;
  });
  const soas = inZone.filter((rr) => rr.type === RRType.SOA);
  for (const soa of soas) {
    if (soa.owner !== origin) at(soa.line, soa.file, `SOA at ${soa.owner}: the only SOA belongs at the apex ${origin}`);
  }
  const apexSoas = soas.filter((rr) => rr.owner === origin);
  for (const extra of apexSoas.slice(1)) at(extra.line, extra.file, `second SOA at ${origin}: a zone has exactly one`);
  const soa = apexSoas[0];
  if (soa === undefined) at(0, file, `no SOA record at the apex ${origin}`);
  if (!inZone.some((rr) => rr.type === RRType.NS && rr.owner === origin)) {
    at(0, file, `no NS records at the apex ${origin}`);
  }
  if (soa === undefined || errors.length > 0) return { zone: undefined, errors };

  const rrsets = [[soa], ...groupRRsets(inZone.filter((rr) => rr.type !== RRType.SOA))];
  let zone: Zone | undefined;
  for (const rrset of rrsets) {
    const first = rrset[0] as ParsedRecord;
    try {
      if (zone === undefined) zone = new Zone(origin, first);
      else zone.setRRset(first.owner, first.type, rrset);
    } catch (error) {
      if (!(error instanceof ZoneDataError)) throw error;
      at(first.line, first.file, error.message);
      if (zone === undefined) break;
    }
  }
  return { zone: errors.length === 0 ? zone : undefined, errors };
}

/** Records grouped by owner and type, each group in file order. */
function groupRRsets(records: readonly ParsedRecord[]): ParsedRecord[][] {
  const groups = new Map<string, ParsedRecord[]>();
  for (const rr of records) {
    const key = `${rr.type} ${rr.owner}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [rr]);
    else group.push(rr);
  }
  return [...groups.values()];
}
