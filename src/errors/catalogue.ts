/**
 * The one error catalogue (after fastify's lib/errors.js): every code plinkd can answer and its
 * message. Codes and messages are the cloud's own. It knows nothing of HTTP: the API layer maps a
 * code to its status (src/api/rpc/http-status.ts). A test checks that this list and the README's
 * list are the same.
 */

export interface ErrorDetails {
  /** Parameter name for parameter errors; becomes the code's suffix where the cloud does so. */
  param?: string;
  reason?: string;
  /** Text some messages embed, e.g. the resource in "The status of Endpoint [ep-…] is incorrect." Never a secret. */
  detail?: string;
}

interface CatalogueEntry {
  /** Codes such as MissingParam.<Name> carry the parameter name as a suffix. */
  suffixedByParam?: true;
  message: (d: ErrorDetails) => string;
}

const entry = (message: string | ((d: ErrorDetails) => string)): CatalogueEntry => ({
  message: typeof message === 'string' ? () => message : message,
});
/** A kind answered as `<Kind>.<Param>`, e.g. MissingParam.VpcId. */
const suffixedEntry = (message: (d: ErrorDetails) => string): CatalogueEntry & { suffixedByParam: true } => ({
  suffixedByParam: true,
  message,
});

export const ERROR_CATALOGUE = {
  // Gateway: protocol and authentication (messages as the cloud's API gateway words them).
  MissingParam: suffixedEntry((d) => `The param of ${d.param ?? ''} is missing.`),
  IllegalParamFormat: suffixedEntry((d) => `The param format of ${d.param ?? ''} is illegal${d.reason ? `: it ${d.reason}` : ''}.`),
  'InvalidAction.NotFound': entry('Specified api is not found, please check your url and method.'),
  InvalidVersion: entry('Specified parameter Version is not valid.'),
  'InvalidAccessKeyId.NotFound': entry('Specified access key is not found.'),
  // The cloud echoes the string it signed, so a client can tell a wrong secret (same string)
  // from a request built differently; the legacy SDK cores parse it. Never holds a secret.
  SignatureDoesNotMatch: entry(
    (d) =>
      `Specified signature is not matched with our calculation.${d.detail === undefined ? '' : ` server string to sign is:${d.detail}`}`,
  ),
  IncompleteSignature: entry('The request signature does not conform to Aliyun standards.'),
  InvalidSignatureMethod: entry('Specified signature method is not valid.'),
  'InvalidTimeStamp.Format': entry('Specified time stamp or date value is not well formatted.'),
  'InvalidTimeStamp.Expired': entry('Specified time stamp or date value is expired.'),
  SignatureNonceUsed: entry('Specified signature nonce was used already.'),
  'InvalidRegionId.NotFound': entry('Specified value of "regionId" is not supported.'),
  'Forbidden.RAM': entry('User not authorized to operate on the specified resource.'),
  RequestTooLarge: entry('The request body is too large.'),
  ServiceUnavailable: entry('The request has failed due to a temporary failure of the server.'),
  InternalError: entry('The request processing has failed due to some unknown error.'),
  DryRunOperation: entry('Request validation has been passed with DryRun flag set.'),
  ConcurrentCallNotSupported: entry('The operation conflicts with other operations. Please try again later.'),

  // VPC 2016-04-28.
  'InvalidVpcId.NotFound': entry('Specified VPC does not exist.'),
  'InvalidVSwitchId.NotFound': entry('Specified virtual switch does not exist.'),
  'InvalidZoneId.NotFound': entry('Specified zone does not exist.'),
  'InvalidCidrBlock.Malformed': entry('Specified CIDR block is not valid.'),
  'InvalidCidrBlock.Overlapped': entry('Specified CIDR block overlapped with other vswitch in this VPC.'),
  // VPC 2016-04-28: CreateVpc / CreateVSwitch / DeleteVpc / DeleteVSwitch (the VPC API metadata; "Discription" sic).
  InvalidParameter: entry((d) => d.detail ?? 'Specified parameter is not valid.'),
  'InvalidVpcName.Malformed': entry('Specified VPC name is not valid.'),
  'InvalidVpcDiscription.Malformed': entry('Specified VPC description is not valid.'),
  'InvalidVSwitchName.Malformed': entry('Specified virtual switch name is not valid.'),
  'InvalidVSwitchDiscription.Malformed': entry('Specified virtual switch description is not valid.'),
  'InvalidVpcIdNumber.NotSupported': entry('The number of vpcIds exceeds the limit.'),
  'OperationFailed.VpcIpv6Disabled': entry('The operation is failed because of VpcIpv6Disabled.'),
  DependencyViolation: entry('Specified object has dependent resources.'),
  'DependencyViolation.GatewayEndpoint': entry('The VPC contains endpoints and cannot be deleted.'),
  'DependencyViolation.VSwitch': entry('Specified object has dependent resources'),
  'DependencyViolation.Instance': entry('Specified object has dependent resources'),
  IdempotentParameterMismatch: entry(
    'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.',
  ),
  // VPC gateway endpoints (the VPC API reference's error tables; all 400).
  'ResourceNotFound.VpcId': entry('The specified resource vpc is not found.'),
  'ResourceNotFound.ServiceName': entry('The specified resource service name is not found.'),
  'ResourceNotFound.GatewayEndpoint': entry('The specified resource gateway endpoint is not found.'),
  'ResourceAlreadyExist.GatewayEndpoint': entry('The specified resource gateway endpoint is already exist.'),
  'IllegalParam.GatewayEndpointName': entry('The param of GatewayEndpointName is illegal.'),
  'IllegalParam.GatewayEndpointDescription': entry('The param of GatewayEndpointDescription is illegal.'),

  // PrivateLink 2020-04-15 (codes and messages of the API's own metadata).
  EndpointServiceNotFound: entry('The specified Service does not exist.'),
  EndpointNotFound: entry('The specified Endpoint does not exist.'),
  EndpointZoneNotFound: entry('The specified zone of Endpoint does not exist.'),
  VpcNotFound: entry('The specified VPC does not exist.'),
  VSwitchNotFound: entry('The specified VSwitch does not exist.'),
  EndpointServiceNotAuthorized: entry('The specified endpoint service is not authorized to user.'),
  EndpointServiceNotSupportedZone: entry('The specified endpoint service does not support the zone.'),
  EndpointZoneDuplicated: entry('The zone is duplicated for the Endpoint.'),
  EndpointMustContainSecurityGroup: entry('The specified endpoint must have at least one security group.'),
  EndpointServiceResourceNotFound: entry('The specified service resource is not found.'),
  'IncorrectStatus.VpcEndpointService': entry((d) => `The status of EndpointService [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpoint': entry((d) => `The status of Endpoint [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpointConnection': entry((d) => `The status of EndpointConnection [${d.detail ?? ''}] is incorrect.`),
  'IncorrectStatus.VpcEndpointZone': entry((d) => `The status of EndpointZone [${d.detail ?? ''}] is incorrect.`),
  EndpointOperationDenied: entry('The specified operation of endpoint is not allowed.'),
  EndpointServiceOperationDenied: entry('The specified operation of endpoint service is not allowed.'),
  EniIpUnavailable: entry('The specified IP address is unavailable.'),
  'ResourceNotEnough.VSwitchIp': entry('The specified resource of VSwitchIp is not enough.'),
  MalformedPolicyDocument: entry((d) => `The policy document is malformed: ${d.detail ?? 'invalid'}.`),
  // PrivateLink tags and security groups (Privatelink 2020-04-15 metadata; messages verbatim, sic).
  MissingTagKeyParam: entry('The tag key is empty.'),
  MissingResourceIdOrTagParam: entry('The resource id and tag is empty.'),
  IllegalTagKeyParam: entry('IllegalTagKeyParam'),
  IllegalTagValueParam: entry('The tag value is Illegal.'),
  DuplicatedTagKey: entry('The tag keys is duplicated.'),
  'QuotaExceed.TagsPerResource': entry('The maximum number of tags for each resource is exceeded'),
  'InvalidResourceId.NotFound': entry('The specified ResourceIds are not found in our records.'),
  SecurityGroupExist: entry('The specified security group already exists.'),
  SecurityGroupNotFound: entry('The specified security group does not exist.'),
  QuotaMisMatched: entry('The resource you applied for has exceeded the quota.'),

  // Operator actions (2026-11-25): RAM's codes for accounts and keys, the VPC family's for bindings.
  'EntityNotExist.User': entry('The specified account does not exist.'),
  'EntityNotExist.User.AccessKey': entry('The specified access key does not exist.'),
  'LimitExceeded.User.AccessKey': entry('The access key count of the user access keys beyond the current limits.'),
  'ResourceNotFound.ResolverBinding': entry('The specified resource resolver binding is not found.'),
  'ResourceAlreadyExist.ResolverBinding': entry('The specified resource resolver binding is already exist.'),

  // PrivateLink lifecycle (lifecycle): codes and messages of the Privatelink 2020-04-15 API metadata.
  IllegalParam: suffixedEntry((d) => `The param of ${d.param ?? ''} is illegal${d.reason ? `: it ${d.reason}` : ''}.`),
  EndpointConnectionNotFound: entry('The specified endpoint connection does not exist.'),
  EndpointConnectionOperationDenied: entry('The endpoint is being connected.'),
  EndpointServiceConnectionDependence: entry('You cannot delete EndpointService with Endpoint connected.'),
  EndpointServiceDependenceViolation: entry('The specified EndpointService already contains a resource.'),
  EndpointServiceResourceExist: entry('The specified resource already exists.'),
  EndpointServiceResourceTypeNotEqual: entry('the service resource type not equal request type.'),
  EndpointServiceDeleted: entry('The specified Service is already deleted.'),
  EndpointServiceNotSupportIpv6: entry('The param supportIpv6 of EndpointService is forbidden , resource is not support ipv6.'),
  ServiceResourceNotSupportIpv6: entry('The resource is not support ipv6.'),
  EndpointServiceDowngradeNotAllowed: entry('The EndpointService is not allowed for downgrade.'),
  EndpointLocked: entry('The specified Endpoint is locked.'),
  'IncorrectBusinessStatus.VpcEndpoint': entry((d) => `The business status of Endpoint [${d.detail ?? ''}] is incorrect.`),
  'IncorrectBusinessStatus.VpcEndpointService': entry((d) => `The business status of EndpointService [${d.detail ?? ''}]  is incorrect.`),
  'ResourceNotFound.VpcEndpointZone': entry((d) => `The specified resource EndpointZone [${d.detail ?? ''}] is not found.`),
  'Mismatch.EndpointType': entry((d) => `The EndpointType is mismatched for ${d.detail ?? 'the endpoint and the service'}.`),
  'Mismatch.ResourceType': entry((d) => `The ResourceType is mismatched for ${d.detail ?? 'the resource and the service'}.`),
  'Mismatch.UserIdAndUserArn': entry('The UserId and UserARN are mismatched.'),
  'OperationDenied.NoAvailableServiceResource': entry(
    'The operation is not allowed because of there are no resource in some available zones of endpoint service.',
  ),
  'QuotaExceeded.epZonePerEndpoint': entry((d) => `The quota of epZonePerEndpoint is exceeded, usage ${d.detail ?? ''}.`),
  UpdateBandWidthUnSupported: entry('Bandwidth updates are not supported for this service.'),
  'InvalidAccountStatus.NotEnoughBalance': entry('Your account does not have enough balance.'),
  'OperationDenied.PrivateDomainNotSupport': entry('The operation is not allowed because of PrivateDomainNotSupport.'),
  'Conflict.ServiceName': entry((d) => `The ServiceName ${d.detail ?? ''} is conflict.`),

  // VPC 2016-04-28: attributes, IPv6, resource groups (the VPC API metadata's codes and messages, sic).
  InvalidResourceGroupId: entry('The specified ResourceGroupId does not exist.'),
  'UnsupportedFeature.Ipam': entry('IPAM is not supported in this region.'),
  'UnsupportedFeature.Ipv6Isp': entry('The Ipv6Isp feature is not supported.'),
  'InvalidIpv6CidrBlock.Malformed': entry('Specified Ipv6CidrBlock is not valid.'),
  'IllegalParam.UserCidr': entry('UserCidr is not a valid or strict address.'),
  'InvalidUserCidr.Quota': entry('Specified  UserCidr number is greater than 3.'),
  'InvalidUserCidr.Malformed': entry('Specified  UserCidr  overlapping in of 100.64.0.0/10.'),
  IllegalCidrBlock: entry('Some subnet cidrBlock is not in the cidrBlock.'),
  'ExclusiveParam.EnableIpv6AndCidrBlock': entry('The param of EnableIpv6 and CidrBlock are mutually exclusive.'),
  'OperationFailed.IpV6VSwitchInuse': entry((d) => d.detail ?? 'The IPv6 CIDR block of the VPC is used by a vSwitch.'),
  'OperationFailed.Ipv6CidrBlockExisted': entry((d) => d.detail ?? 'The IPv6 CIDR block is already used by another vSwitch.'),
  'OperationFailed.Ipv6AlreadyEnabled': entry((d) => d.detail ?? 'IPv6 is already enabled for the vSwitch.'),
  'OperationFailed.Ipv6InstanceExist': entry('Operation failed because vswitch has ipv6 instance.'),
  'ParamExclusive.DisableIpv6AndIpv6CidrBlock': entry('DisableIpv6 and Ipv6Cidr are mutually exclusive.'),
  // VPC 2016-04-28 TagResources / UnTagResources / ListTagResources.
  InvalidTagKey: entry('The tag keys are not valid.'),
  InvalidTagValue: entry('The tag values are not valid.'),
  'InvalidInstanceType.NotFound': entry('The instance type is not found'),
  'InvalidInstanceIds.NotFound': entry('The instanceIds are not found'),
  'QuotaExceeded.TagNum': entry('Custom Tags quota exceeded'),
  'Forbidden.TagKey.Duplicated': entry('The specified tag key already exists.'),
  'SizeLimitExceeded.TagNum': entry('The maximum number of tags is exceeded.'),
  'SizeLimitExceeded.ResourceId': entry('The maximum number of resource IDs is exceeded.'),
  'MissingParameter.TagKey': entry('The input parameter TagKey that is mandatory for processing this request is not supplied.'),
  'BothEmpty.TagsAndResources': entry('The specified Tags and ResourcesIds are not allow to both empty.'),
  // VPC 2016-04-28 gateway endpoint route tables.
  'ResourceNotFound.RouteTable': entry('The specified resource routetable is not found.'),
  'Mismatch.VpcAndRouteTable': entry('The vpc and routetable are mismatched.'),
  'ResourceAlreadyExist.Association': entry((d) => `The specified resource of [${d.detail ?? ''}] is already exist.`),
  'ResourceNotFound.Association': entry('The specified resource gateway endpoint is not associated.'),
  'DependencyViolation.Association': entry(
    (d) => `The specified resource of [${d.detail ?? ''}] depends on [association], so the operation cannot be completed.`,
  ),

  // PrivateLink 2020-04-15: activation, resource groups, resource allocation (the API metadata's codes and messages).
  NeedOpenProduct: entry('The product is not activated.'),
  OrderOpend: entry('You have already activated the service. Go to the console to start using it.'),
  'MissingParameter.ResourceRegionId': entry('The ResourceRegionId parameters that are required for processing this request are missing'),
  'MissingParameter.ResourceId': entry('The ResourceId parameters that are required for processing this request are missing'),
  'MissingParameter.ResourceGroupId': entry('The ResourceGroupId parameters that are required for processing this request are missing'),
  InvalidResourceGroup: entry('The specified ResourceGroupId is invalid'),
  ResourceNotFound: entry('The specified resource is not found'),
  EndpointServiceLocked: entry('The specified Service is locked.'),
  ResourceAutoAllocateViolation: entry(
    'The specified endpoint service must have at least one automatically allocated resource in one zone.',
  ),
  EndpointServiceResourceTypeNotSupport: entry('The specified resource type is not supported.'),
  ZoneOperationDenied: entry('You cannot operate the specified zone.'),
  'OperationDenied.CurrentResourceAutoAllocated': entry('The operation is not allowed because of CurrentResourceAutoAllocated.'),
  'Mismatch.ZoneId': entry((d) => `The ZoneId is mismatched for ${d.detail ?? 'the resource and the zone'}.`),

  // PrivateZone 2018-01-01 (the PrivateZone metadata's codes and messages, sic;
  // ZoneVpc.NotExists.VpcId, Record.Invalid.Conflict and Record.NotExists have no published message).
  'Zone.Invalid.Name': entry('Zone name is invalid.'),
  'Zone.Invalid.Id': entry('Zone id is invalid.'),
  'Zone.NotExists': entry('Zone is not exists'),
  'Zone.VpcExists': entry('Zone have vpc bound.'),
  'ZoneVpc.Zone.Repeated': entry('Vpc is bind to same zone name.'),
  'ZoneVpc.NotExists.VpcId': entry('The specified VPC is not exists'),
  'Record.Invalid.Conflict': entry((d) => `Record conflicts with an existing record${d.detail ? `: ${d.detail}` : ''}.`),
  'Record.NotExists': entry('Record is not exists'),
  'Zone.Remark': entry('50  characters long.  It can only contain numbers,Chinese,English and  special characters: _ - , . ，。'),
  IllegalUser: entry('The user is illegal.'),
  // No published message: DeleteUserVpcAuthorization of an authorization that does not exist
  // (the code Terraform's alicloud provider treats as "already deleted").
  'ZoneVpc.Auth.NotExists': entry('The vpc authorization is not exists'),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Kinds answered with the parameter's name as a suffix (MissingParam.VpcId). */
type SuffixedKind = { [K in ErrorCode]: (typeof ERROR_CATALOGUE)[K] extends { suffixedByParam: true } ? K : never }[ErrorCode];

/** A code as answered: a catalogue code, or `<Kind>.<Param>` for the kinds suffixed by a parameter name. */
export type AnsweredCode = Exclude<ErrorCode, SuffixedKind> | `${SuffixedKind}.${string}`;

/** A refusal with the cloud's code: thrown by validation and the control plane, answered by the API. */
export class CloudError extends Error {
  /** The code as answered, e.g. "MissingParam.VpcId". */
  readonly code: string;

  constructor(
    readonly kind: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    const catalogued: CatalogueEntry = ERROR_CATALOGUE[kind];
    super(catalogued.message(details));
    this.name = 'CloudError';
    this.code = catalogued.suffixedByParam === true && details.param !== undefined ? `${kind}.${details.param}` : kind;
  }
}
