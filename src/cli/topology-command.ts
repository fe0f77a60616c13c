import type { Topology } from '../api/topology/types.js';
import { endpointOf, type Env } from './call-command.js';
import { CallFailed, EXIT_OK, UsageError, type CliIo } from './io.js';
import { reasonOf } from './rpc-client.js';
import { topologyTree } from './topology-tree.js';

const HELP = `usage: plinkd topology [--json] [--endpoint <url>]

What exists, from plinkd's replica (GET /v1/topology): services, their endpoints with
zones, addresses and DNS names, VPCs with vSwitches and resolver bindings, private
zones, gateway endpoints. --json prints the route's JSON as it is.
The bearer token of /v1 comes from PLINKD_API_TOKEN (one of plinkd's --api-tokens), else
the first of PLINKD_API_TOKENS (as . <data-dir>/credentials sets it).
`;

/** `plinkd topology [--json] [--endpoint <url>]`. */
export async function runTopology(args: readonly string[], env: Env, io: CliIo): Promise<number> {
  let json = false;
  let endpoint: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      io.out(HELP);
      return EXIT_OK;
    } else if (arg === '--json') json = true;
    else if (arg === '--endpoint' || arg.startsWith('--endpoint=')) {
      endpoint = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (endpoint === undefined || endpoint === '') throw new UsageError('--endpoint needs a value');
    } else throw new UsageError(`topology: unknown argument '${arg}' (plinkd topology --help)`);
  }
  // PLINKD_API_TOKENS (the server's own list, as `<data-dir>/credentials` exports it) serves too: its first token.
  const token = env['PLINKD_API_TOKEN'] || env['PLINKD_API_TOKENS']?.split(',')[0]?.trim();
  if (token === undefined || token === '') throw new UsageError('topology: set PLINKD_API_TOKEN to a token of plinkd --api-tokens');
  const base = endpointOf({ endpoint }, env);
  let response: Response;
  try {
    response = await fetch(new URL('/v1/topology', base), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CallFailed(`cannot reach ${base}: ${reasonOf(err)}`);
  }
  const text = await response.text();
  if (response.status !== 200) {
    let detail = text.slice(0, 200);
    try {
      const body = JSON.parse(text) as { code?: string; message?: string };
      detail = `${body.code ?? ''}: ${body.message ?? ''}`;
    } catch {
      // not JSON: the text as it came
    }
    throw new CallFailed(`GET /v1/topology answered ${response.status} ${detail}`);
  }
  io.out(json ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : topologyTree(JSON.parse(text) as Topology));
  return EXIT_OK;
}
