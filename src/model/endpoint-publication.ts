import type { Endpoint } from './types.js';

/**
 * Whether an endpoint's names are answered (docs/dns.md): records exist only
 * while the endpoint is Active, its connection Connected and its business
 * status Normal — and then for its Connected zones only.
 *
 * `Pending` is the cloud's "modifying" of an Active endpoint (e.g. while a
 * security group is attached): the endpoint keeps carrying traffic, so its
 * names keep resolving — a user changing a security group would not expect
 * their names to vanish. Creating and Deleting endpoints publish nothing.
 *
 * One rule for the DNS projections and for what the topology says is answered.
 */
export function isPublished(endpoint: Endpoint): boolean {
  return (
    (endpoint.endpointStatus === 'Active' || endpoint.endpointStatus === 'Pending') &&
    endpoint.connectionStatus === 'Connected' &&
    endpoint.endpointBusinessStatus === 'Normal'
  );
}
