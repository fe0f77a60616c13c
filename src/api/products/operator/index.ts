import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { accountActions } from './account-actions.js';
import { resolverBindingActions } from './resolver-binding-actions.js';
import { vpcAuthorizationCodeActions } from './vpc-authorization-code-action.js';

/**
 * Operator actions, Version 2026-11-25 (docs/api.md); each is `operatorOnly` except
 * CreateVpcAuthorizationCode, which any account calls for its own VPCs.
 */
export const operatorActions: ActionDefinition<ApiDeps>[] = [...accountActions, ...resolverBindingActions, ...vpcAuthorizationCodeActions];
