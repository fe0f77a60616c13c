import { apiActions } from '../api/products/all-actions.js';
import { OPERATOR_VERSION } from '../api/products/operator/version.js';
import { PRIVATELINK_VERSION } from '../api/products/privatelink/version.js';
import { PVTZ_VERSION } from '../api/products/pvtz/version.js';
import { VPC_VERSION } from '../api/products/vpc/version.js';
import type { ApiDeps } from '../api/products/deps.js';
import type { ActionDefinition } from '../api/rpc/action.js';

/** An action as the CLI sees it: its name, product version and parameter declarations. */
export type CliAction = ActionDefinition<ApiDeps>;

export interface Product {
  /** As the aliyun CLI names it: `aliyun privatelink …`, `aliyun vpc …`, `aliyun pvtz …`. */
  name: string;
  version: string;
  title: string;
  /** Where the cloud documents an action (https://api.aliyun.com/api/<Product>/<Version>/<Action>); none for plinkd's own. */
  docsProduct?: string;
}

export const PRODUCTS: readonly Product[] = [
  { name: 'privatelink', version: PRIVATELINK_VERSION, title: `Privatelink ${PRIVATELINK_VERSION}`, docsProduct: 'Privatelink' },
  { name: 'vpc', version: VPC_VERSION, title: `VPC ${VPC_VERSION}`, docsProduct: 'Vpc' },
  { name: 'pvtz', version: PVTZ_VERSION, title: `PrivateZone ${PVTZ_VERSION} (global: no RegionId)`, docsProduct: 'pvtz' },
  { name: 'operator', version: OPERATOR_VERSION, title: `plinkd operator actions ${OPERATOR_VERSION} (operator keys only)` },
];

/** A product by name, in any letter case (the aliyun CLI lowercases product codes). */
export function findProduct(name: string): Product | undefined {
  const lower = name.toLowerCase();
  return PRODUCTS.find((p) => p.name === lower);
}

/**
 * The product's actions, from the registry the server dispatches with
 * (api/products/all-actions.ts), by name: an action added there is a command here.
 */
export function actionsOf(product: Product): CliAction[] {
  return apiActions.filter((action) => action.version === product.version).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function findAction(product: Product, name: string): CliAction | undefined {
  return actionsOf(product).find((action) => action.name === name);
}

/** Actions that only read: the only ones a `--waiter` may repeat (a repeated Create would create again). */
export function isReadOnly(action: CliAction): boolean {
  return /^(Get|List|Describe)/.test(action.name);
}

/** The closest of `candidates` to `given` (letter case and a few typos forgiven), for "did you mean". */
export function closest(given: string, candidates: readonly string[]): string | undefined {
  const target = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(target.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
