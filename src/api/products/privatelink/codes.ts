import type { AnsweredCode } from '../../../errors/catalogue.js';

/**
 * Error codes several Privatelink actions share, named after the control-plane step that
 * answers them; each action declares its own list from these (src/api/rpc/action.ts).
 */

/** A provider acting on a connection (control/connections.ts connectionInTx). */
export const CONNECTION_CODES = [
  'EndpointServiceNotFound',
  'EndpointConnectionNotFound',
  'IncorrectStatus.VpcEndpointService',
  'EndpointOperationDenied',
  'IncorrectBusinessStatus.VpcEndpoint',
  'IncorrectBusinessStatus.VpcEndpointService',
  'EndpointConnectionOperationDenied',
] as const satisfies readonly AnsweredCode[];

/** Bandwidth and traffic mode of a connection (control/connections.ts settle). */
export const CONNECTION_SETTING_CODES = [
  'IllegalParam.Bandwidth',
  'IllegalParam.TrafficControlMode',
] as const satisfies readonly AnsweredCode[];

/** A zone placed in a vSwitch with an ENI address (control/endpoint-zones.ts checkZone, allocateZone). */
export const ZONE_PLACEMENT_CODES = [
  'VSwitchNotFound',
  'IllegalParam.ZoneId',
  'EndpointServiceNotSupportedZone',
  'IllegalParam.VSwitchId',
  'IllegalParam.Ipv6Address',
  'ResourceNotEnough.VSwitchIp',
  'EniIpUnavailable',
] as const satisfies readonly AnsweredCode[];

/** A consumer changing its endpoint (control/endpoint-guards.ts). */
export const ENDPOINT_CHANGE_CODES = [
  'EndpointNotFound',
  'EndpointOperationDenied',
  'EndpointConnectionOperationDenied',
] as const satisfies readonly AnsweredCode[];

/** A provider changing its service (control/services.ts ownServiceInTx, requireActiveService). */
export const SERVICE_CHANGE_CODES = [
  'EndpointServiceNotFound',
  'EndpointServiceOperationDenied',
] as const satisfies readonly AnsweredCode[];

/** Tag.N checks (control/tags.ts checkTags, with the Privatelink rules). */
export const TAG_CODES = [
  'MissingTagKeyParam',
  'IllegalTagKeyParam',
  'IllegalTagValueParam',
  'DuplicatedTagKey',
] as const satisfies readonly AnsweredCode[];
