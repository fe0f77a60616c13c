import type { Plane } from '../../control/plane.js';

/** What action handlers get: the control plane (store, replica, settings). */
export interface ApiDeps {
  plane: Plane;
}
