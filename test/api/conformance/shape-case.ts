import type { Json, ShapeWorld } from './shape-world.js';

/**
 * One response-shape case: calls its action with valid input and returns the answer (or several,
 * e.g. one per list type, whose shapes are checked together: a list empty in one answer may show
 * its items in another).
 */
export type ShapeCase = (world: ShapeWorld) => Promise<Json | Json[]>;
