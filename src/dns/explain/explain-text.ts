import type { LookupStatus } from '../lookup/types.js';
import type { PrivateZone } from '../registry/index.js';
import { describeZone, type ZoneDescription } from './zone-kinds.js';

/** The sentences of an explanation (explain.ts): what the lookup's status means, and what the view did not see. */

export function outcome(status: LookupStatus, type: string, zone: ZoneDescription | null, count: number): string[] {
  switch (status) {
    case 'success':
      return [`NOERROR: ${count} record${count === 1 ? '' : 's'} (a CNAME chain is followed inside the zone).`];
    case 'noData':
      return [
        `NOERROR without data: the name exists in ${zone?.origin ?? 'the zone'} but has no ${type} records (an endpoint with no Connected zone, a service's own name, or another type only).`,
      ];
    case 'nameError':
      return [`NXDOMAIN: ${zone?.origin ?? 'the zone'} has no such name (an endpoint that is not published has no records).`];
    case 'delegation':
      return ['A referral: the name is below a zone cut; the NS records are in the authority section.'];
    case 'notAuthoritative':
      return ['REFUSED: no zone served in this view holds the name, and plinkd is not a resolver.'];
  }
}

/** Private zones that hold the name but are not served in this view (`viewVpc`) to the VPC asked about (`asked`). */
export function unseen(holding: readonly PrivateZone[], asked: string | undefined, viewVpc: string | undefined): string[] {
  return holding
    .filter((p) => viewVpc === undefined || !p.vpcIds.has(viewVpc))
    .map((p) => {
      const label = describeZone(p.zone.origin, p).label;
      const bound = [...p.vpcIds].sort();
      if (asked !== undefined && p.vpcIds.has(asked)) {
        return `The ${label} holds it and is bound to ${asked}, but without a resolver binding no query carries ${asked}'s view.`;
      }
      const where = bound.length === 0 ? 'bound to no VPC' : `bound to ${bound.join(', ')}`;
      return `The ${label} holds it, but is ${where}${asked === undefined ? '' : `, not ${asked}`}.`;
    });
}
