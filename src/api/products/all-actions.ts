import type { ActionDefinition } from '../rpc/action.js';
import { asChange } from './change-action.js';
import type { ApiDeps } from './deps.js';
import { businessStatusActions } from './operator/business-status-action.js';
import { operatorActions } from './operator/index.js';
import { privatelinkActions } from './privatelink/index.js';
import { pvtzActions } from './pvtz/index.js';
import { vpcActions } from './vpc/index.js';

/** Every action the RPC API serves, across products (docs/api.md). */
export const apiActions: ActionDefinition<ApiDeps>[] = [
  // Actions that take DryRun or ClientToken honour them through the control plane's one runner (change-action.ts).
  ...vpcActions.map(asChange),
  ...privatelinkActions.map(asChange),
  ...operatorActions.map(asChange),
  ...businessStatusActions.map(asChange),
  ...pvtzActions.map(asChange),
];
