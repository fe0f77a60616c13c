import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { authorizationActions } from './authorization-actions.js';
import { recordActions } from './record-actions.js';
import { recordSettingsActions } from './record-settings-actions.js';
import { serviceActions } from './service-actions.js';
import { zoneActions } from './zone-actions.js';
import { zoneQueryActions } from './zone-query-actions.js';

/** PrivateZone 2018-01-01 (docs/design/dns-views.md): zones, VPC bindings, records, cross-account authorizations. */
export const pvtzActions: ActionDefinition<ApiDeps>[] = [
  ...zoneActions,
  ...zoneQueryActions,
  ...recordActions,
  ...recordSettingsActions,
  ...authorizationActions,
  ...serviceActions,
];
