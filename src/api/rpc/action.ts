import type { OperationKind } from '../../control/change-runner.js';
import type { AnsweredCode } from '../../errors/catalogue.js';
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
  /**
   * What the action does, for the operation runner (src/control/change-runner.ts): a read writes
   * nothing (a dry run runs only its `check`; a ClientToken is ignored), a create makes a
   * resource that its ClientToken names (createOnce), a change alters or removes what exists (its
   * ClientToken is recorded with the change). Declared here, with the action, not guessed from
   * its name: PrivateZone's AddZone creates, PrivateLink's AddUserToVpcEndpointService changes.
   */
  kind: OperationKind;
  params: P;
  /** Operator actions (Version 2026-11-25) need an operator key. */
  operatorOnly?: boolean;
  /**
   * Every code the action's parameters and handler can answer, beyond the common ones
   * (src/api/rpc/common-codes.ts). The dispatcher logs an undeclared one at error (and answers
   * InternalError with --strict-error-codes); test/api/conformance/error-codes.test.ts holds the
   * list to the codes the cloud documents for the action (docs/api-conformance.md).
   */
  errorCodes: readonly AnsweredCode[];
  /**
   * What a retry of a change that already succeeded answers (with the same ClientToken), when the
   * action's answer is more than an empty body; built from the parameters, since the retry changes
   * nothing (src/api/products/change-action.ts).
   */
  replayAnswer?(params: ParamsOf<P>): ActionResult;
  /**
   * A read's checks of its parameters beyond their specs, made before it reads anything: all a
   * dry run of the read runs, since the cloud's DryRun on a read checks the request and queries
   * no resources (DescribeVpcs: https://help.aliyun.com/en/vpc/api-describevpcs). The handler
   * makes the same checks (with the same function) when it runs for real. Only a read may have
   * one: the dispatcher refuses it on a create or a change, whose dry run runs the handler.
   */
  check?(params: ParamsOf<P>): void;
  handle(ctx: ActionContext<Deps>, params: ParamsOf<P>): Promise<ActionResult>;
}

/** Keeps the spec's literal types so `handle` sees typed parameters. */
export function defineAction<Deps, const P extends ParamsSpec>(definition: ActionDefinition<Deps, P>): ActionDefinition<Deps> {
  return definition as unknown as ActionDefinition<Deps>;
}
