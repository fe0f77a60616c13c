import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { endpointActions } from './endpoint-actions.js';
import { regionActions } from './region-actions.js';
import { securityGroupActions } from './security-group-actions.js';
import { serviceActions } from './service-actions.js';
import { tagActions } from './tag-actions.js';

export const privatelinkActions: ActionDefinition<ApiDeps>[] = [
  ...serviceActions,
  ...endpointActions,
  ...tagActions,
  ...securityGroupActions,
  ...regionActions,
];
