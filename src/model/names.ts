/**
 * The names PrivateLink gives things (docs/dns.md "Names"). All DNS names here are
 * lowercase without the trailing dot.
 */
export function serviceNameOf(regionId: string, serviceId: string): string {
  return `com.aliyuncs.privatelink.${regionId}.${serviceId}`;
}

/** The region's authoritative zone: `<region>.<suffix>`. */
export function regionZoneOf(regionId: string, suffix: string): string {
  return `${regionId}.${suffix}`;
}

/** `<serviceId>.<region>.<suffix>` — exists in DNS as an empty non-terminal. */
export function serviceDomainOf(serviceId: string, regionId: string, suffix: string): string {
  return `${serviceId}.${regionId}.${suffix}`;
}

/** Region-wide endpoint name: `<endpointId>.<serviceId>.<region>.<suffix>`. */
export function endpointDomainOf(endpointId: string, serviceId: string, regionId: string, suffix: string): string {
  return `${endpointId}.${serviceDomainOf(serviceId, regionId, suffix)}`;
}

/** Zonal endpoint name: `<endpointId>-<zoneId>.<serviceId>.<region>.<suffix>`. */
export function zoneDomainOf(endpointId: string, zoneId: string, serviceId: string, regionId: string, suffix: string): string {
  return `${endpointId}-${zoneId}.${serviceDomainOf(serviceId, regionId, suffix)}`;
}
