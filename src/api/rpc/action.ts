import type { Account } from '../../model/types.js';
import type { ParamsOf, ParamsSpec } from './params.js';

/** Who is calling: the account that owns the AccessKey (docs/api.md "Tenancy"). */
export interface Caller {
  account: Account;
  accessKeyId: string;
}

export interface ActionContext<Deps> {
  requestId: string;
  caller: Caller;
  /** RegionId of the request, when the action takes one (validated against the served regions). */
  regionId: string | undefined;
  deps: Deps;
}

export type ActionResult = Record<string, unknown>;

export interface ActionDefinition<Deps, P extends ParamsSpec = ParamsSpec> {
  /** API version that selects the product (docs/api.md), e.g. "2020-04-15". */
  version: string;
  name: string;
  params: P;
  /** Operator actions (Version 2026-11-25) need an operator key. */
  operatorOnly?: boolean;
  handle(ctx: ActionContext<Deps>, params: ParamsOf<P>): Promise<ActionResult>;
}

/** Keeps the spec's literal types so `handle` sees typed parameters. */
export function defineAction<Deps, const P extends ParamsSpec>(definition: ActionDefinition<Deps, P>): ActionDefinition<Deps> {
  return definition as unknown as ActionDefinition<Deps>;
}
