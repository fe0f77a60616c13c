import type { StringSpec } from '../../rpc/params.js';

/** Parameter specs the PrivateZone actions share (https://api.aliyun.com/product/pvtz). */

/** Any ZoneId string; its format is judged by ownZone (Zone.Invalid.Id), as the cloud does. */
export const ZoneIdParam = { type: 'string', required: true, maxLength: 128 } as const satisfies StringSpec;

/** RecordId is an int64; any such number is a well-formed id (unknown ones are Record.NotExists). */
export const RecordIdParam = { type: 'string', required: true, pattern: /^\d{1,19}$/ } as const satisfies StringSpec;

/** Account ids (int64 in the reference), e.g. AuthorizedUserId; unknown ones are IllegalUser. */
export const UserIdParam = { type: 'string', pattern: /^\d{1,19}$/ } as const satisfies StringSpec;

/** Remarks are judged by checkedRemark (Zone.Remark); the bound only keeps absurd input out. */
export const RemarkParam = { type: 'string', maxLength: 1024 } as const satisfies StringSpec;

export const ProxyPatternParam = { type: 'string', enum: ['ZONE', 'RECORD'] } as const satisfies StringSpec;

/** Only NORMAL authorizations are modelled; CLOUD_PRODUCT is refused where it would be stored. */
export const AuthTypeParam = { type: 'string', enum: ['NORMAL', 'CLOUD_PRODUCT'] } as const satisfies StringSpec;
