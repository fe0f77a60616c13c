import type { ActionDefinition } from '../rpc/action.js';
import { honourClientToken } from './client-token.js';
import type { ApiDeps } from './deps.js';
import { businessStatusActions } from './operator/business-status-action.js';
import { operatorActions } from './operator/index.js';
import { privatelinkActions } from './privatelink/index.js';
import { pvtzActions } from './pvtz/index.js';
import { vpcActions } from './vpc/index.js';

/** Every action the RPC API serves, across products (docs/api.md). */
export const apiActions: ActionDefinition<ApiDeps>[] = [
  // VPC and Privatelink changes honour ClientToken through one runner (client-token.ts).
  ...vpcActions.map(honourClientToken),
  ...privatelinkActions.map(honourClientToken),
  ...operatorActions,
  ...businessStatusActions,
  ...pvtzActions,
];
