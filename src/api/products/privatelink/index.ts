import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { endpointActions } from './endpoint-actions.js';
import { serviceActions } from './service-actions.js';

export const privatelinkActions: ActionDefinition<ApiDeps>[] = [...serviceActions, ...endpointActions];
