import type { MetaApi } from './api-meta.js';

/**
 * Actions the cloud's SDKs model but its published API metadata lacks (docs/api-conformance.md
 * "Actions beyond the published metadata"), written down from the SDK's generated model — the
 * shape an SDK client deserializes — in the trimmed form of test/fixtures/api-meta/. Keyed by API
 * version, then action.
 */
export const SDK_ONLY_APIS: Readonly<Record<string, Readonly<Record<string, MetaApi>>>> = {
  // PrivateZone: the SDKs' DescribeUserServiceStatusRequest / DescribeUserServiceStatusResponseBody
  // (npm @alicloud/pvtz20180101, Go alibabacloud-go/pvtz-20180101).
  '2018-01-01': {
    DescribeUserServiceStatus: {
      parameters: [
        { name: 'Lang', in: 'query', type: 'string' },
        { name: 'UserClientIp', in: 'query', type: 'string' },
      ],
      response: { type: 'object', properties: { RequestId: { type: 'string' }, Status: { type: 'string' } } },
      errorCodes: {},
    },
  },
};
