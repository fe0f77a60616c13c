import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../log/logger.js';
import { StoreUnavailableError, TransactionConflictError } from '../../store/types.js';
import type { AccessLog } from './access-log.js';
import type { ActionContext, ActionDefinition, ActionResult, Caller } from './action.js';
import { authenticate, type CredentialSource } from './authenticate.js';
import { CloudError, type AnsweredCode } from '../../errors/catalogue.js';
import { isCommonCode } from './common-codes.js';
import { httpStatusOf } from './http-status.js';
import { MAX_PARAMETERS, MAX_VALUE_LENGTH, readParams } from './params.js';
import type { RpcRequest } from './rpc-request.js';
import { unknownParams } from './unknown-params.js';

export interface RpcReply {
  status: number;
  body: Record<string, unknown>;
}

export interface RpcDispatcherOptions<Deps> {
  actions: readonly ActionDefinition<Deps>[];
  credentials: CredentialSource;
  deps: Deps;
  regionIds: readonly string[];
  /** HostId of error bodies, per product version and region. */
  hostIdOf(version: string | undefined, regionId: string | undefined): string;
  log: Logger;
  /**
   * Answer InternalError, not the code, when an action answers a code it does not declare
   * (`--strict-error-codes`; the test suite runs with it). Either way the code is logged at error.
   */
  strictErrorCodes?: boolean;
  /** One entry per call, answered or refused (access-log.ts); none when undefined (--access-log false). */
  accessLog?: AccessLog;
}

/**
 * The cloud's RPC protocol (docs/api.md): `Action` + `Version` (parameters, or V3's
 * x-acs-action / x-acs-version headers) select the handler, the signature (v1 or V3,
 * docs/design/signatures.md) authenticates the caller, the action's own parameters
 * are validated, and only then does the handler run.
 */
export class RpcDispatcher<Deps> {
  private readonly actions = new Map<string, ActionDefinition<Deps>>();
  private readonly versions = new Set<string>();

  constructor(private readonly options: RpcDispatcherOptions<Deps>) {
    for (const action of options.actions) {
      const key = `${action.version}/${action.name}`;
      if (this.actions.has(key)) throw new Error(`action ${key} is defined twice`);
      // Only a read's check runs (a dry run of a create or a change runs its handler on a plane that
      // commits nothing, control/change-runner.ts): a check on anything else would be silently ignored.
      if (action.check !== undefined && action.kind !== 'read')
        throw new Error(`action ${key} is a ${action.kind} with a check: only a read's check is run`);
      this.actions.set(key, action);
      this.versions.add(action.version);
    }
  }

  async dispatch(request: RpcRequest, requestId: string = randomUUID().toUpperCase()): Promise<RpcReply> {
    const started = performance.now();
    const outcome: { caller?: Caller } = {};
    const reply = await this.answer(request, requestId, outcome);
    this.logAccess(requestId, request.action, request.version, outcome.caller, reply, started);
    return reply;
  }

  private async answer(request: RpcRequest, requestId: string, outcome: { caller?: Caller }): Promise<RpcReply> {
    const params = request.params;
    let actionName: string | undefined;
    try {
      if (params.size > MAX_PARAMETERS)
        throw new CloudError('IllegalParamFormat', { param: 'Parameters', reason: `exceed ${MAX_PARAMETERS} in number` });
      for (const [name, value] of params) {
        if (value.length > MAX_VALUE_LENGTH)
          throw new CloudError('IllegalParamFormat', { param: name, reason: `is longer than ${MAX_VALUE_LENGTH} characters` });
      }
      actionName = request.action;
      if (actionName === undefined || actionName === '') throw new CloudError('MissingParam', { param: 'Action' });
      const version = request.version;
      if (version === undefined || version === '') throw new CloudError('MissingParam', { param: 'Version' });
      if (!this.versions.has(version)) throw new CloudError('InvalidVersion');
      const action = this.actions.get(`${version}/${actionName}`);
      if (action === undefined) throw new CloudError('InvalidAction.NotFound');
      const format = params.get('Format');
      if (format !== undefined && format.toUpperCase() !== 'JSON')
        throw new CloudError('IllegalParamFormat', { param: 'Format', reason: 'must be JSON' });

      const caller = await authenticate(request, this.options.credentials);
      outcome.caller = caller;
      if (action.operatorOnly === true && !caller.account.operator) throw new CloudError('Forbidden.RAM');
      const regionId = params.get('RegionId');
      if (regionId !== undefined && !this.options.regionIds.includes(regionId)) {
        throw new CloudError('InvalidRegionId.NotFound');
      }
      const result = await this.runAction(action, params, { requestId, caller, regionId, deps: this.options.deps });
      return { status: 200, body: { RequestId: requestId, ...result } };
    } catch (err) {
      return this.errorReply(err, requestId, actionName, request.version, params.get('RegionId'));
    }
  }

  /** The access log's line: identifiers, the outcome and the time taken — never a secret or a parameter value. */
  private logAccess(
    requestId: string,
    action: string | undefined,
    version: string | undefined,
    caller: Caller | undefined,
    reply: RpcReply,
    started: number,
  ): void {
    const log = this.options.accessLog;
    if (log === undefined) return;
    const code = reply.status === 200 ? 'OK' : String(reply.body['Code']);
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    log({ requestId, action, version, uid: caller?.account.uid, accessKeyId: caller?.accessKeyId, code, status: reply.status, latencyMs });
  }

  /** The action's own stage: its parameters, then its handler; a refusal must carry a code it declares. */
  private async runAction(
    action: ActionDefinition<Deps>,
    params: ReadonlyMap<string, string>,
    ctx: ActionContext<Deps>,
  ): Promise<ActionResult> {
    try {
      const typed = readParams(action.params, params);
      // The cloud ignores parameters it does not know, and so does plinkd; a misspelt one
      // is still worth seeing (README "Documented choices"). Names only, never values.
      const unknown = unknownParams(action.params, params);
      if (unknown.length > 0)
        this.options.log.debug('unknown parameters', { requestId: ctx.requestId, action: action.name, params: unknown });
      return await action.handle(ctx, typed);
    } catch (err) {
      if (!(err instanceof CloudError) || isCommonCode(err.code) || action.errorCodes.includes(err.code as AnsweredCode)) throw err;
      this.options.log.error('undeclared error code', { requestId: ctx.requestId, action: action.name, code: err.code });
      throw this.options.strictErrorCodes === true ? new CloudError('InternalError') : err;
    }
  }

  /** The error body for a request refused before dispatch (e.g. an unreadable body). */
  reject(err: unknown): RpcReply {
    const started = performance.now();
    const requestId = randomUUID().toUpperCase();
    const reply = this.errorReply(err, requestId, undefined, undefined, undefined);
    this.logAccess(requestId, undefined, undefined, undefined, reply, started);
    return reply;
  }

  private errorReply(
    err: unknown,
    requestId: string,
    action: string | undefined,
    version: string | undefined,
    regionId: string | undefined,
  ): RpcReply {
    let apiError: CloudError;
    if (err instanceof CloudError) apiError = err;
    else if (err instanceof StoreUnavailableError) apiError = new CloudError('ServiceUnavailable');
    else if (err instanceof TransactionConflictError) apiError = new CloudError('ConcurrentCallNotSupported');
    else {
      this.options.log.error('action failed', { requestId, action, err });
      apiError = new CloudError('InternalError');
    }
    const status = httpStatusOf(apiError.kind);
    if (status >= 500) this.options.log.warn('api unavailable', { requestId, action, code: apiError.code });
    return {
      status,
      body: {
        RequestId: requestId,
        HostId: this.options.hostIdOf(version, regionId),
        Code: apiError.code,
        Message: apiError.message,
        Recommend: `See the error catalogue in plinkd's README (code ${apiError.code}).`,
      },
    };
  }
}
