import type { ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { recordActions } from './record-actions.js';
import { zoneActions } from './zone-actions.js';

/** PrivateZone 2018-01-01 (docs/api.md): zones, VPC bindings and records. */
export const pvtzActions: ActionDefinition<ApiDeps>[] = [...zoneActions, ...recordActions];
