import { CloudError } from '../errors/catalogue.js';
import { IllegalTransitionError, transition, type Lifecycle, type StatusOf } from '../model/transitions.js';

/**
 * transition() for API operations: an illegal move becomes the cloud's
 * `IncorrectStatus.<Entity>` answer naming the resource, instead of an
 * internal error. The reconciler calls transition() directly: an illegal move
 * there is a bug, not a user error.
 */
export function move<L extends Lifecycle>(lifecycle: L, from: StatusOf<L>, to: StatusOf<L>, resourceId: string): StatusOf<L> {
  try {
    return transition(lifecycle, from, to);
  } catch (err) {
    if (err instanceof IllegalTransitionError) throw new CloudError(err.code, { detail: resourceId });
    throw err;
  }
}
