import type { PrivateZone } from '../registry/index.js';

/** Which zone answered: a public zone, or one of the private zones' three sources. */
export interface ZoneDescription {
  origin: string;
  kind: 'public' | 'privateZone' | 'oss' | 'privateServiceDomain';
  /** The private zone's registry id (a PrivateZone `pz-…` id for a tenant's zone). */
  id?: string;
  /** The VPCs a private zone is served to. */
  vpcs?: string[];
  /** In words: "private zone pz-1 (corp.example)". */
  label: string;
}

/**
 * The private-zone ids are made by the projections that claim them: PrivateZone ids
 * (`pz-…`, private-zone-projection.ts), `oss:<origin>` (oss-projection.ts) and
 * `psd:<vpcId>:<domain>` (custom-domain-projection.ts).
 */
export function describeZone(origin: string, entry: PrivateZone | undefined): ZoneDescription {
  const shown = origin === '' ? '.' : origin;
  if (entry === undefined) return { origin, kind: 'public', label: `public zone ${shown}` };
  const vpcs = [...entry.vpcIds].sort();
  if (entry.id.startsWith('oss:'))
    return { origin, kind: 'oss', id: entry.id, vpcs, label: `OSS zone ${shown} (of OSS gateway endpoints)` };
  if (entry.id.startsWith('psd:')) {
    return { origin, kind: 'privateServiceDomain', id: entry.id, vpcs, label: `custom service domain ${shown} (PrivateServiceDomain)` };
  }
  return { origin, kind: 'privateZone', id: entry.id, vpcs, label: `private zone ${entry.id} (${shown})` };
}
