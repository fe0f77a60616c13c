import { CloudError } from '../errors/catalogue.js';
import type { AddressIpVersion, EndpointService } from '../model/types.js';
import type { Plane } from './plane.js';
import { ownServiceInTx, pending, requireActiveService, supportsIpv6 } from './services.js';

export interface UpdateServiceInput {
  uid: string;
  regionId: string;
  serviceId: string;
  autoAcceptEnabled: boolean | undefined;
  connectBandwidth: number | undefined;
  serviceDescription: string | undefined;
  zoneAffinityEnabled: boolean | undefined;
  addressIpVersion: AddressIpVersion | undefined;
}

/**
 * UpdateVpcEndpointServiceAttribute: needs an Active service; the new values
 * apply at once and the service shows Pending until the reconciler settles it.
 * AutoAcceptEnabled affects endpoints created from now on, as in the cloud.
 */
export async function updateService(plane: Plane, input: UpdateServiceInput): Promise<void> {
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, input.uid, input.regionId, input.serviceId);
    requireActiveService(service);
    const next: EndpointService = { ...service };
    if (input.addressIpVersion !== undefined && input.addressIpVersion !== service.addressIpVersion) {
      if (input.addressIpVersion === 'DualStack' && !supportsIpv6(service.serviceResourceType))
        throw new CloudError('ServiceResourceNotSupportIpv6');
      if (input.addressIpVersion === 'IPv4') {
        // Endpoints holding IPv6 addresses depend on it: the cloud refuses the downgrade.
        for (const endpointId of plane.replica.endpointIdsOfService(service.serviceId)) {
          const endpoint = await tx.get('endpoint', endpointId);
          if (endpoint?.addressIpVersion === 'DualStack') throw new CloudError('EndpointServiceDowngradeNotAllowed');
        }
      }
      next.addressIpVersion = input.addressIpVersion;
    }
    if (input.connectBandwidth !== undefined) {
      // The default bandwidth is a CLB/ALB setting; NLB and GWLB scale on their own.
      if (service.serviceResourceType === 'nlb' || service.serviceResourceType === 'gwlb')
        throw new CloudError('UpdateBandWidthUnSupported');
      next.connectBandwidth = input.connectBandwidth;
    }
    if (input.autoAcceptEnabled !== undefined) next.autoAcceptEnabled = input.autoAcceptEnabled;
    if (input.zoneAffinityEnabled !== undefined) next.zoneAffinityEnabled = input.zoneAffinityEnabled;
    if (input.serviceDescription !== undefined) next.serviceDescription = input.serviceDescription;
    tx.put('service', service.serviceId, pending(plane, next));
  });
}
