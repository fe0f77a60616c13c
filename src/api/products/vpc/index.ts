import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { gatewayEndpointActions } from './gateway-endpoint-actions.js';
import { vpcResourceGroupActions } from './resource-group-actions.js';
import { routeTableActions } from './route-table-actions.js';
import { vpcTagActions } from './tag-actions.js';
import { vpcActions as vpcOnlyActions } from './vpc-actions.js';
import { vpcReadActions } from './vpc-read-actions.js';
import { vSwitchActions } from './vswitch-actions.js';
import { vSwitchReadActions } from './vswitch-read-actions.js';

/** VPC 2016-04-28: VPCs, vSwitches, OSS gateway endpoints and their tags (docs/api-actions-conveniences.md). */
export const vpcActions: ActionDefinition<ApiDeps>[] = [
  ...vpcOnlyActions,
  ...vpcReadActions,
  ...vSwitchActions,
  ...vSwitchReadActions,
  ...gatewayEndpointActions,
  ...routeTableActions,
  ...vpcTagActions,
  ...vpcResourceGroupActions,
];
