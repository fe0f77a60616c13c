import { parseArgs } from 'node:util';
import { ConfigError } from './config-error.js';
import { FLAGS, flagNamed } from './flags.js';

/** What `plinkd serve …` was asked to do. */
export type ServeCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; given: ReadonlyMap<string, string> };

const BOOLEAN_LITERAL = /^(1|0|true|false|yes|no|on|off)$/i;

/**
 * Reads `serve`'s arguments with node:util parseArgs: `--name value`, `--name=value`,
 * switches alone (`--query-log`) or with a value (`--query-log=false`; `--query-log false`
 * too, as nothing else may follow a switch). A value is never taken from the next flag,
 * a flag is given once, and nothing but flags is accepted. Values are parsed later
 * (load-config.ts) with their env twins.
 */
export function readCommandLine(argv: readonly string[]): ServeCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  const options = Object.fromEntries(FLAGS.map((f) => [f.name, { type: f.type }] as const));
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const given = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'positional') throw new ConfigError(`unexpected argument '${token.value}' (flags are --name value or --name=value)`);
    if (token.kind === 'option-terminator') throw new ConfigError(`unexpected argument '--'`);
    const spec = token.rawName.startsWith('--') ? flagNamed(token.name) : undefined;
    if (spec === undefined) throw new ConfigError(`unknown flag ${token.rawName} (plinkd serve --help lists them)`);
    if (given.has(spec.name)) throw new ConfigError('is given twice', spec.name);
    let value: string;
    if (spec.type === 'boolean') {
      const next = tokens[i + 1];
      if (token.inlineValue === true) value = token.value ?? '';
      else if (next?.kind === 'positional' && BOOLEAN_LITERAL.test(next.value)) {
        value = next.value;
        i++;
      } else value = 'true';
    } else {
      value = token.value ?? '';
      if (token.value === undefined) throw new ConfigError('needs a value', spec.name);
      if (token.inlineValue !== true && value.startsWith('--'))
        throw new ConfigError(`needs a value, got the flag ${value} (write --${spec.name}=${value} if that is the value)`, spec.name);
    }
    given.set(spec.name, value);
  }
  return { kind: 'serve', given };
}
