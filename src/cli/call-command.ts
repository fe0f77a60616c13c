import type { ParamsSpec } from '../api/rpc/params.js';
import { isReadOnly, type CliAction, type Product } from './catalogue.js';
import { actionHelp } from './help.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from './io.js';
import { readArguments, type CallOptions } from './options.js';
import { queryResult, type PathExpression } from './path-expression.js';
import { resolveParamFlag, typedValue } from './param-flags.js';
import { callRpc, type Credentials, type RpcAnswer } from './rpc-client.js';
import { waitFor } from './waiter.js';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';
export const DEFAULT_REGION = 'cn-hangzhou';

/**
 * `plinkd <product> <Action> --Param value … [options]`: checks the flags against the
 * action's declaration, signs, sends, and prints the answer as indented JSON (exit 0)
 * or one line `ERROR: Code=… Message="…" RequestId=…` on stderr (exit 1).
 */
export async function runAction(product: Product, action: CliAction, args: readonly string[], env: Env, io: CliIo): Promise<number> {
  const context = `${product.name} ${action.name}`;
  const params = new Map<string, string>();
  const options = readArguments(args, (name, inline, takeNext) => {
    const flag = resolveParamFlag(action.params, name, context);
    if (params.has(flag.name)) throw new UsageError(`--${flag.name} is given twice`);
    params.set(flag.name, typedValue(flag, inline ?? takeNext()));
  });
  if (options.help) {
    io.out(actionHelp(product, action));
    return EXIT_OK;
  }
  completeParams(action.params, params, options, env, context);
  if (options.waiter !== undefined && !isReadOnly(action)) {
    throw new UsageError(`--waiter repeats the call: use it with a Get, List or Describe action, not ${action.name}`);
  }
  const endpoint = endpointOf(options, env);
  const credentials = credentialsOf(options, env);
  const call = (): Promise<RpcAnswer> => callRpc(endpoint, credentials, action, params);
  const answer = options.waiter === undefined ? await call() : await waitFor(options.waiter, call, io);
  return report(answer, params.get('DryRun') === 'true', options.query, io);
}

function completeParams(spec: ParamsSpec, params: Map<string, string>, options: CallOptions, env: Env, context: string): void {
  if (options.dryRun) {
    if (spec['DryRun'] === undefined) throw new UsageError(`${context} has no DryRun parameter`);
    params.set('DryRun', 'true');
  }
  // RegionId: --RegionId, else --region, else the environment, as the aliyun CLI's profile region.
  if (spec['RegionId'] !== undefined && !params.has('RegionId')) {
    params.set('RegionId', options.region ?? env['ALIBABA_CLOUD_REGION_ID'] ?? DEFAULT_REGION);
  }
}

export function endpointOf(options: { endpoint?: string }, env: Env): string {
  const endpoint = options.endpoint ?? env['PLINKD_ENDPOINT'] ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint (PLINKD_ENDPOINT) '${endpoint}' is not a URL: write it as http://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--endpoint (PLINKD_ENDPOINT) '${endpoint}' must be http or https`);
  return endpoint;
}

function credentialsOf(options: CallOptions, env: Env): Credentials {
  const accessKeyId = options.accessKeyId ?? env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
  const accessKeySecret = options.accessKeySecret ?? env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
  if (accessKeyId === undefined || accessKeyId === '' || accessKeySecret === undefined || accessKeySecret === '') {
    throw new UsageError(
      'no AccessKey: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or pass --access-key-id and --access-key-secret',
    );
  }
  return { accessKeyId, accessKeySecret };
}

/** A DryRun that passed answers DryRunOperation, an error code in the cloud; here it is the success it means. */
function report(answer: RpcAnswer, dryRun: boolean, query: PathExpression | undefined, io: CliIo): number {
  const { body } = answer;
  if (answer.status === 200 || (dryRun && body['Code'] === 'DryRunOperation')) {
    io.out(`${JSON.stringify(query === undefined ? body : queryResult(query, body), null, 2)}\n`);
    return EXIT_OK;
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value.replace(/\s+/g, ' ') : String(value));
  io.err(`ERROR: Code=${text(body['Code'])} Message=${JSON.stringify(text(body['Message']))} RequestId=${text(body['RequestId'])}\n`);
  return EXIT_FAILED;
}
