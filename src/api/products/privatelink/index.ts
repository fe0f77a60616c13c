import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { activationActions } from './activation-actions.js';
import { connectionActions } from './connection-actions.js';
import { endUserActions } from './end-user-actions.js';
import { endpointActions } from './endpoint-actions.js';
import { regionActions } from './region-actions.js';
import { resourceGroupActions } from './resource-group-actions.js';
import { securityGroupActions } from './security-group-actions.js';
import { serviceActions } from './service-actions.js';
import { serviceResourceActions } from './service-resource-actions.js';
import { serviceUserActions } from './service-user-actions.js';
import { tagActions } from './tag-actions.js';
import { zoneActions } from './zone-actions.js';
import { zoneResourceActions } from './zone-resource-actions.js';

export const privatelinkActions: ActionDefinition<ApiDeps>[] = [
  ...serviceActions,
  ...serviceUserActions,
  ...serviceResourceActions,
  ...endpointActions,
  ...endUserActions,
  ...zoneActions,
  ...connectionActions,
  ...tagActions,
  ...securityGroupActions,
  ...regionActions,
  ...activationActions,
  ...resourceGroupActions,
  ...zoneResourceActions,
];
