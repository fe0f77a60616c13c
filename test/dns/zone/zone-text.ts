import { expect } from 'vitest';
import type { LookupResult, LookupStatus, ResourceRecord } from '../../../src/dns/lookup/types.js';
import { formatError, formatRecord, parseMasterFile } from '../../../src/dns/masterfile/index.js';

/**
 * Records as sorted presentation lines, the way CoreDNS's tests compare
 * sections: order-insensitive, one line per record.
 */
export function lines(records: readonly ResourceRecord[]): string[] {
  return records.map(formatRecord).sort();
}

/**
 * Zone-file text ("www.example. 300 IN A 192.0.2.1", one record a line) in
 * the same normalized, sorted form, so expected sections read like zone files.
 */
export function rrs(text: string): string[] {
  const parsed = parseMasterFile(text, { origin: '', file: 'expected' });
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map(formatError).join('\n'));
  return parsed.records.map((rr) => formatRecord({ name: rr.owner, type: rr.type, class: 1, ttl: rr.ttl, data: rr.data })).sort();
}

export interface Expected {
  status: LookupStatus;
  answer?: string;
  authority?: string;
  additional?: string;
}

/** Compares every section of `result` with zone-file text (missing sections are empty). */
export function expectResult(result: LookupResult, expected: Expected): void {
  expect({
    status: result.status,
    answer: lines(result.answer),
    authority: lines(result.authority),
    additional: lines(result.additional),
  }).toEqual({
    status: expected.status,
    answer: rrs(expected.answer ?? ''),
    authority: rrs(expected.authority ?? ''),
    additional: rrs(expected.additional ?? ''),
  });
}
