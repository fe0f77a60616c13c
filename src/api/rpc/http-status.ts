import type { ErrorCode } from '../../errors/catalogue.js';

/**
 * The HTTP status of each error code, as the cloud answers it: 400 unless listed here.
 * The catalogue itself (src/errors/) knows codes and messages only.
 */
const NOT_400: Partial<Record<ErrorCode, number>> = {
  'InvalidAction.NotFound': 404,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidRegionId.NotFound': 404,
  'Forbidden.RAM': 403,
  RequestTooLarge: 413,
  ServiceUnavailable: 503,
  InternalError: 500,
  'InvalidVpcId.NotFound': 404,
  'InvalidVSwitchId.NotFound': 404,
  'InvalidZoneId.NotFound': 404,
  'EntityNotExist.User': 404,
  'EntityNotExist.User.AccessKey': 404,
  'LimitExceeded.User.AccessKey': 409,
  'ResourceNotFound.VpcEndpointZone': 404,
};

export function httpStatusOf(kind: ErrorCode): number {
  return NOT_400[kind] ?? 400;
}
