import { runAction, type Env } from './call-command.js';
import { closest, findAction, findProduct, actionsOf, PRODUCTS } from './catalogue.js';
import { completionScript } from './completion.js';
import { productHelp, rootHelp } from './help.js';
import { CallFailed, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io.js';
import { runTopology } from './topology-command.js';

/**
 * Everything `plinkd` does besides `serve` (docs/cli.md): API actions as the aliyun
 * CLI calls them (`plinkd <product> <Action> --Param value`), `topology`, `completion`,
 * and help. Returns the exit status: 0 done, 1 failed, 2 usage error.
 */
export async function runCli(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, env, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`plinkd: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CallFailed) {
      io.err(`ERROR: ${err.message}\n`);
      return EXIT_FAILED;
    }
    throw err;
  }
}

async function dispatch(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(rootHelp());
    return EXIT_OK;
  }
  if (command === 'topology') return runTopology(rest, env, io);
  if (command === 'completion') {
    if (rest.length > 1) throw new UsageError('completion takes one shell: bash or zsh');
    io.out(completionScript(rest[0]));
    return EXIT_OK;
  }
  const product = findProduct(command);
  if (product === undefined) {
    const suggestion = closest(command, [...PRODUCTS.map((p) => p.name), 'topology', 'completion', 'serve']);
    throw new UsageError(
      `unknown command or product '${command}'${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; plinkd --help lists them`,
    );
  }
  const [actionName, ...args] = rest;
  if (actionName === undefined || actionName === '--help' || actionName === '-h') {
    io.out(productHelp(product));
    return EXIT_OK;
  }
  const action = findAction(product, actionName);
  if (action === undefined) {
    const suggestion = closest(
      actionName,
      actionsOf(product).map((a) => a.name),
    );
    throw new UsageError(
      `${product.name} has no action '${actionName}'${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; plinkd ${product.name} --help lists them`,
    );
  }
  return runAction(product, action, args, env, io);
}
