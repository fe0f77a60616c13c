import type { Change, DocTypes, Kind } from '../store/types.js';

/**
 * A change as applied, with the document it replaced: what the replica hands its subscribers
 * (replica.ts) and what a state computes when it is replaced by a reloaded one (replica-state.ts).
 */
export interface AppliedChange {
  change: Change;
  previous: DocTypes[Kind] | undefined;
}
