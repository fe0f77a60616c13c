import { mayBindVpcsOf } from '../../../control/private-zones/vpc-authorizations.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { regionLocalName } from '../region-names.js';
import { UserIdParam } from './params.js';
import { PVTZ_VERSION } from './version.js';

/** PrivateZone's DescribeRegions and DescribeUserServiceStatus. */
export const serviceActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeRegions',
    kind: 'read',
    errorCodes: [],
    params: {
      AcceptLanguage: { type: 'string', enum: ['zh-CN', 'en-US'] },
      AuthorizedUserId: UserIdParam,
      VpcType: { type: 'string', enum: ['STANDARD', 'EDS'] },
      Scene: { type: 'string', enum: ['AUTH', 'FWD', 'RA'] },
    },
    /**
     * The regions where the caller can bind VPCs to zones (https://api.aliyun.com/api/pvtz/2018-01-01/DescribeRegions):
     * every served region — of another account's VPCs only once that account authorised the
     * caller. None for EDS networks and for the forwarding (FWD) and traffic-analysis (RA)
     * scenes, which plinkd does not serve.
     */
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const served =
        (p.VpcType ?? 'STANDARD') === 'STANDARD' &&
        (p.Scene ?? 'AUTH') === 'AUTH' &&
        (p.AuthorizedUserId === undefined || mayBindVpcsOf(plane, ctx.caller.account.uid, p.AuthorizedUserId));
      const language = p.AcceptLanguage ?? 'zh-CN';
      const regions = served ? plane.settings.regions : [];
      return {
        Regions: {
          Region: regions.map(({ regionId }) => ({
            RegionId: regionId,
            RegionName: regionLocalName(regionId, language),
            LocalName: regionLocalName(regionId, language),
            RegionEndpoint: 'pvtz.aliyuncs.com',
          })),
        },
      };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeUserServiceStatus',
    kind: 'read',
    errorCodes: [],
    params: {},
    /**
     * Not in the published metadata; the SDKs' model: `Status` CLOSED, OPENED, IN_DEBT or
     * IN_DEBT_OVER_DUE. PrivateZone needs no activation here and no account status stops it.
     */
    async handle() {
      return { Status: 'OPENED' };
    },
  }),
];
