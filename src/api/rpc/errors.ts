/**
 * The one error catalogue (STYLE.md, fastify's lib/errors.js): every code the
 * API can answer, its HTTP status and message. Codes are the cloud's own. A
 * test checks that this list and the README's list are the same.
 */

export interface ErrorDetails {
  /** Parameter name for parameter errors; becomes the code's suffix where the cloud does so. */
  param?: string;
  reason?: string;
  /** Text some messages embed, e.g. the resource in "The status of Endpoint [ep-…] is incorrect." Never a secret. */
  detail?: string;
}

interface CatalogueEntry {
  status: number;
  /** Codes such as MissingParam.<Name> carry the parameter name as a suffix. */
  suffixedByParam?: true;
  message: (d: ErrorDetails) => string;
}

const entry = (status: number, message: string | ((d: ErrorDetails) => string), suffixedByParam?: true): CatalogueEntry => ({
  status,
  ...(suffixedByParam ? { suffixedByParam } : {}),
  message: typeof message === 'string' ? () => message : message,
});

export const ERROR_CATALOGUE = {
  // Gateway: protocol and authentication (messages as the cloud's API gateway words them).
  MissingParam: entry(400, (d) => `The param of ${d.param ?? ''} is missing.`, true),
  IllegalParamFormat: entry(400, (d) => `The param format of ${d.param ?? ''} is illegal${d.reason ? `: it ${d.reason}` : ''}.`, true),
  'InvalidAction.NotFound': entry(404, 'Specified api is not found, please check your url and method.'),
  InvalidVersion: entry(400, 'Specified parameter Version is not valid.'),
  'InvalidAccessKeyId.NotFound': entry(404, 'Specified access key is not found.'),
  SignatureDoesNotMatch: entry(400, 'Specified signature is not matched with our calculation.'),
  InvalidSignatureMethod: entry(400, 'Specified signature method is not valid.'),
  'InvalidTimeStamp.Format': entry(400, 'Specified time stamp or date value is not well formatted.'),
  'InvalidTimeStamp.Expired': entry(400, 'Specified time stamp or date value is expired.'),
  SignatureNonceUsed: entry(400, 'Specified signature nonce was used already.'),
  'InvalidRegionId.NotFound': entry(404, 'Specified value of "regionId" is not supported.'),
  'Forbidden.RAM': entry(403, 'User not authorized to operate on the specified resource.'),
  RequestTooLarge: entry(413, 'The request body is too large.'),
  ServiceUnavailable: entry(503, 'The request has failed due to a temporary failure of the server.'),
  InternalError: entry(500, 'The request processing has failed due to some unknown error.'),
  DryRunOperation: entry(400, 'Request validation has been passed with DryRun flag set.'),
  ConcurrentCallNotSupported: entry(400, 'The operation conflicts with other operations. Please try again later.'),

  // VPC 2016-04-28.
  'InvalidVpcId.NotFound': entry(404, 'Specified VPC does not exist.'),
  'InvalidVSwitchId.NotFound': entry(404, 'Specified virtual switch does not exist.'),
  'InvalidZoneId.NotFound': entry(404, 'Specified zone does not exist.'),
  'InvalidCidrBlock.Malformed': entry(400, 'Specified CIDR block is not valid.'),
  'InvalidCidrBlock.Overlapped': entry(400, 'Specified CIDR block overlapped with other vswitch in this VPC.'),
  'InvalidVSwitchCidr.NotInVpc': entry(400, 'Specified CIDR block is not in the CIDR block of the VPC.'),
  // VPC 2016-04-28: CreateVpc / CreateVSwitch / DeleteVpc / DeleteVSwitch (api-vpc.md; "Discription" sic).
  InvalidParameter: entry(400, (d) => d.detail ?? 'Specified parameter is not valid.'),
  'InvalidVpcName.Malformed': entry(400, 'Specified VPC name is not valid.'),
  'InvalidVpcDiscription.Malformed': entry(400, 'Specified VPC description is not valid.'),
  'InvalidVSwitchName.Malformed': entry(400, 'Specified virtual switch name is not valid.'),
  'InvalidVSwitchDiscription.Malformed': entry(400, 'Specified virtual switch description is not valid.'),
  DependencyViolation: entry(400, 'Specified object has dependent resources.'),
  'DependencyViolation.VSwitch': entry(400, 'Specified object has dependent resources'),
  'DependencyViolation.Instance': entry(400, 'Specified object has dependent resources'),
  IdempotentParameterMismatch: entry(
    400,
    'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.',
  ),
  // VPC gateway endpoints (the VPC API reference's error tables; all 400).
  'ResourceNotFound.VpcId': entry(400, 'The specified resource vpc is not found.'),
  'ResourceNotFound.ServiceName': entry(400, 'The specified resource service name is not found.'),
  'ResourceNotFound.GatewayEndpoint': entry(400, 'The specified resource gateway endpoint is not found.'),
  'ResourceAlreadyExist.GatewayEndpoint': entry(400, 'The specified resource gateway endpoint is already exist.'),
  'IllegalParam.GatewayEndpointName': entry(400, 'The param of GatewayEndpointName is illegal.'),
  'IllegalParam.GatewayEndpointDescription': entry(400, 'The param of GatewayEndpointDescription is illegal.'),

  // PrivateLink 2020-04-15 (codes and messages of the API's own metadata).
  EndpointServiceNotFound: entry(400, 'The specified Service does not exist.'),
  EndpointNotFound: entry(400, 'The specified Endpoint does not exist.'),
  EndpointZoneNotFound: entry(400, 'The specified zone of Endpoint does not exist.'),
  VpcNotFound: entry(400, 'The specified VPC does not exist.'),
  VSwitchNotFound: entry(400, 'The specified VSwitch does not exist.'),
  EndpointServiceNotAuthorized: entry(400, 'The specified endpoint service is not authorized to user.'),
  EndpointServiceNotSupportedZone: entry(400, 'The specified endpoint service does not support the zone.'),
  EndpointZoneDuplicated: entry(400, 'The zone is duplicated for the Endpoint.'),
  EndpointMustContainSecurityGroup: entry(400, 'The specified endpoint must have at least one security group.'),
  EndpointServiceResourceNotFound: entry(400, 'The specified service resource is not found.'),
  'IncorrectStatus.VpcEndpointService': entry(400, (d) => `The status of EndpointService [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpoint': entry(400, (d) => `The status of Endpoint [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpointConnection': entry(400, (d) => `The status of EndpointConnection [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpointZone': entry(400, (d) => `The status of EndpointZone [${d.detail ?? ''}] is incorrect.`),
  EndpointOperationDenied: entry(400, 'The specified operation of endpoint is not allowed.'),
  EndpointServiceOperationDenied: entry(400, 'The specified operation of endpoint service is not allowed.'),
  EniIpUnavailable: entry(400, 'The specified IP address is unavailable.'),
  'ResourceNotEnough.VSwitchIp': entry(400, 'The specified resource of VSwitchIp is not enough.'),
  MalformedPolicyDocument: entry(400, (d) => `The policy document is malformed: ${d.detail ?? 'invalid'}.`),
  // PrivateLink tags and security groups (Privatelink 2020-04-15 metadata; messages verbatim, sic).
  MissingTagKeyParam: entry(400, 'The tag key is empty.'),
  MissingResourceIdOrTagParam: entry(400, 'The resource id and tag is empty.'),
  IllegalTagKeyParam: entry(400, 'IllegalTagKeyParam'),
  IllegalTagValueParam: entry(400, 'The tag value is Illegal.'),
  DuplicatedTagKey: entry(400, 'The tag keys is duplicated.'),
  'QuotaExceed.TagsPerResource': entry(400, 'The maximum number of tags for each resource is exceeded'),
  'InvalidResourceId.NotFound': entry(400, 'The specified ResourceIds are not found in our records.'),
  SecurityGroupExist: entry(400, 'The specified security group already exists.'),
  SecurityGroupNotFound: entry(400, 'The specified security group does not exist.'),
  QuotaMisMatched: entry(400, 'The resource you applied for has exceeded the quota.'),

  // Operator actions (2026-11-25): RAM's codes for accounts and keys, the VPC family's for bindings.
  'EntityNotExist.User': entry(404, 'The specified account does not exist.'),
  'EntityNotExist.User.AccessKey': entry(404, 'The specified access key does not exist.'),
  'LimitExceeded.User.AccessKey': entry(409, 'The access key count of the user access keys beyond the current limits.'),
  'ResourceNotFound.ResolverBinding': entry(400, 'The specified resource resolver binding is not found.'),
  'ResourceAlreadyExist.ResolverBinding': entry(400, 'The specified resource resolver binding is already exist.'),

  // PrivateLink lifecycle (issue 3): codes and messages of the Privatelink 2020-04-15 API metadata.
  IllegalParam: entry(400, (d) => `The param of ${d.param ?? ''} is illegal${d.reason ? `: it ${d.reason}` : ''}.`, true),
  EndpointConnectionNotFound: entry(400, 'The specified endpoint connection does not exist.'),
  EndpointConnectionOperationDenied: entry(400, 'The endpoint is being connected.'),
  EndpointServiceConnectionDependence: entry(400, 'You cannot delete EndpointService with Endpoint connected.'),
  EndpointServiceDependenceViolation: entry(400, 'The specified EndpointService already contains a resource.'),
  EndpointServiceResourceExist: entry(400, 'The specified resource already exists.'),
  EndpointServiceResourceTypeNotEqual: entry(400, 'the service resource type not equal request type.'),
  EndpointServiceDeleted: entry(400, 'The specified Service is already deleted.'),
  EndpointServiceNotSupportIpv6: entry(400, 'The param supportIpv6 of EndpointService is forbidden , resource is not support ipv6.'),
  ServiceResourceNotSupportIpv6: entry(400, 'The resource is not support ipv6.'),
  EndpointServiceDowngradeNotAllowed: entry(400, 'The EndpointService is not allowed for downgrade.'),
  EndpointLocked: entry(400, 'The specified Endpoint is locked.'),
  'IncorrectBusinessStatus.VpcEndpoint': entry(400, (d) => `The business status of Endpoint [${d.detail ?? ''}] is incorrect.`),
  'IncorrectBusinessStatus.VpcEndpointService': entry(400, (d) => `The business status of EndpointService [${d.detail ?? ''}]  is incorrect.`),
  'ResourceNotFound.VpcEndpointZone': entry(404, (d) => `The specified resource EndpointZone [${d.detail ?? ''}] is not found.`),
  'Mismatch.EndpointType': entry(400, (d) => `The EndpointType is mismatched for ${d.detail ?? 'the endpoint and the service'}.`),
  'Mismatch.ResourceType': entry(400, (d) => `The ResourceType is mismatched for ${d.detail ?? 'the resource and the service'}.`),
  'Mismatch.UserIdAndUserArn': entry(400, 'The UserId and UserARN are mismatched.'),
  'OperationDenied.NoAvailableServiceResource': entry(
    400,
    'The operation is not allowed because of there are no resource in some available zones of endpoint service.',
  ),
  'QuotaExceeded.epZonePerEndpoint': entry(400, (d) => `The quota of epZonePerEndpoint is exceeded, usage ${d.detail ?? ''}.`),
  UpdateBandWidthUnSupported: entry(400, 'Bandwidth updates are not supported for this service.'),
  'InvalidAccountStatus.NotEnoughBalance': entry(400, 'Your account does not have enough balance.'),
  'OperationDenied.PrivateDomainNotSupport': entry(400, 'The operation is not allowed because of PrivateDomainNotSupport.'),
  'Conflict.ServiceName': entry(400, (d) => `The ServiceName ${d.detail ?? ''} is conflict.`),

  // PrivateZone 2018-01-01 (api-privatezone.md: the pvtz metadata's codes and messages, sic;
  // ZoneVpc.NotExists.VpcId, Record.Invalid.Conflict and Record.NotExists have no published message).
  'Zone.Invalid.Name': entry(400, 'Zone name is invalid.'),
  'Zone.Invalid.Id': entry(400, 'Zone id is invalid.'),
  'Zone.NotExists': entry(400, 'Zone is not exists'),
  'Zone.VpcExists': entry(400, 'Zone have vpc bound.'),
  'ZoneVpc.Zone.Repeated': entry(400, 'Vpc is bind to same zone name.'),
  'ZoneVpc.NotExists.VpcId': entry(400, 'The specified VPC is not exists'),
  'Record.Invalid.Conflict': entry(400, (d) => `Record conflicts with an existing record${d.detail ? `: ${d.detail}` : ''}.`),
  'Record.NotExists': entry(400, 'Record is not exists'),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class ApiError extends Error {
  readonly status: number;
  /** The code as answered, e.g. "MissingParam.VpcId". */
  readonly code: string;

  constructor(
    readonly kind: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    const catalogued: CatalogueEntry = ERROR_CATALOGUE[kind];
    super(catalogued.message(details));
    this.name = 'ApiError';
    this.status = catalogued.status;
    this.code = catalogued.suffixedByParam === true && details.param !== undefined ? `${kind}.${details.param}` : kind;
  }
}
