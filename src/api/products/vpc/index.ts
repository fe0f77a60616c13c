import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { gatewayEndpointActions } from './gateway-endpoint-actions.js';
import { vpcActions as vpcOnlyActions } from './vpc-actions.js';
import { vSwitchActions } from './vswitch-actions.js';

/** VPC 2016-04-28: VPCs, vSwitches and OSS gateway endpoints (docs/api.md). */
export const vpcActions: ActionDefinition<ApiDeps>[] = [...vpcOnlyActions, ...vSwitchActions, ...gatewayEndpointActions];
