import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { accountActions } from './account-actions.js';
import { resolverBindingActions } from './resolver-binding-actions.js';

/** Operator actions, Version 2026-11-25 (docs/api.md); each is `operatorOnly`. */
export const operatorActions: ActionDefinition<ApiDeps>[] = [...accountActions, ...resolverBindingActions];
