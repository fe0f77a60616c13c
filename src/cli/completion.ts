import type { ParamsSpec, ScalarSpec } from '../api/rpc/params.js';
import { actionsOf, PRODUCTS } from './catalogue.js';
import { UsageError } from './io.js';
import { OPTION_FLAGS } from './options.js';
import { flagNames } from './param-flags.js';

/**
 * `plinkd completion bash|zsh`: a script completing commands, products, actions,
 * parameter flags and the values of enum and boolean parameters. The words are
 * written into the script from the action registry when it is printed, so a TAB
 * costs no process; load it per shell (`eval "$(plinkd completion bash)"`) and it
 * follows the installed plinkd.
 */

interface Words {
  commands: string[];
  actions: Map<string, string[]>;
  /** Key `<product>_<Action>`. */
  flags: Map<string, string[]>;
  /** Key `<product>_<Action>_<Flag with dots as _>`. */
  values: Map<string, string[]>;
}

const COMMANDS = ['topology', 'completion', 'serve'];

function collect(): Words {
  const words: Words = { commands: [...PRODUCTS.map((p) => p.name), ...COMMANDS], actions: new Map(), flags: new Map(), values: new Map() };
  for (const product of PRODUCTS) {
    const actions = actionsOf(product);
    words.actions.set(
      product.name,
      actions.map((a) => a.name),
    );
    for (const action of actions) {
      const key = `${product.name}_${action.name}`;
      const flags = flagNames(action.params);
      words.flags.set(
        key,
        flags.map((f) => `--${f}`),
      );
      for (const flag of flags) {
        const choices = choicesOf(scalarOf(action.params, flag));
        if (choices !== undefined && /^[A-Za-z0-9_.]+$/.test(flag)) words.values.set(`${key}_${flag.replace(/\./g, '_')}`, choices);
      }
    }
  }
  return words;
}

function scalarOf(params: ParamsSpec, flag: string): ScalarSpec | undefined {
  const [head = '', , field] = flag.split('.');
  const spec = params[head];
  if (spec === undefined) return undefined;
  if (spec.type === 'list') return spec.item;
  if (spec.type === 'objects') return field === undefined ? undefined : spec.fields[field];
  return spec;
}

function choicesOf(spec: ScalarSpec | undefined): string[] | undefined {
  if (spec?.type === 'boolean') return ['true', 'false'];
  if (spec?.type === 'string' && spec.enum !== undefined) return [...spec.enum];
  return undefined;
}

/** Words are identifiers, flags and enum values: none holds a quote, but make sure. */
function quoted(words: readonly string[]): string {
  return `'${words.join(' ').replace(/'/g, `'\\''`)}'`;
}

export function completionScript(shell: string | undefined): string {
  if (shell === 'bash') return bashScript(collect());
  if (shell === 'zsh') return zshScript(collect());
  throw new UsageError('completion: name a shell, bash or zsh (plinkd completion bash)');
}

function bashScript(words: Words): string {
  const lines = [
    '# plinkd completion for bash, generated from its action registry.',
    '# Load it in ~/.bashrc with: eval "$(plinkd completion bash)"',
    `_plinkd_commands=${quoted(words.commands)}`,
    `_plinkd_options=${quoted(OPTION_FLAGS)}`,
  ];
  for (const [product, actions] of words.actions) lines.push(`_plinkd_actions_${product}=${quoted(actions)}`);
  for (const [key, flags] of words.flags) lines.push(`_plinkd_flags_${key}=${quoted(flags)}`);
  for (const [key, values] of words.values) lines.push(`_plinkd_values_${key}=${quoted(values)}`);
  lines.push(`_plinkd() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} words='' product action key
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    words="$_plinkd_commands --help"
  else
    product=\${COMP_WORDS[1]}
    case $product in
      completion) [[ $COMP_CWORD -eq 2 ]] && words='bash zsh' ;;
      topology) words='--json --endpoint --help' ;;
      serve) ;;
      *)
        # Names go into variable names below: only plain identifiers.
        [[ $product =~ ^[a-z]+$ ]] || return 0
        if [[ $COMP_CWORD -eq 2 ]]; then
          eval "words=\\"\\\${_plinkd_actions_$product-} --help\\""
        else
          action=\${COMP_WORDS[2]}
          [[ $action =~ ^[A-Za-z0-9]+$ ]] || return 0
          if [[ $prev == --* && $cur != -* ]]; then
            key=\${prev#--}
            key=\${key//./_}
            [[ $key =~ ^[A-Za-z0-9_]+$ ]] && eval "words=\\\${_plinkd_values_\${product}_\${action}_\${key}-}"
          else
            eval "words=\\"\\\${_plinkd_flags_\${product}_\${action}-} $_plinkd_options\\""
          fi
        fi
        ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _plinkd plinkd
`);
  return `${lines.join('\n')}`;
}

function zshScript(words: Words): string {
  const array = (items: readonly string[]): string => `(${items.map((w) => quoted([w])).join(' ')})`;
  const lines = [
    '#compdef plinkd',
    '# plinkd completion for zsh, generated from its action registry.',
    '# Load it in ~/.zshrc after compinit with: eval "$(plinkd completion zsh)"',
    '# (or save it as _plinkd in a directory of $fpath).',
    `_plinkd_commands=${array(words.commands)}`,
    `_plinkd_options=${array(OPTION_FLAGS)}`,
  ];
  for (const [product, actions] of words.actions) lines.push(`_plinkd_actions_${product}=${array(actions)}`);
  for (const [key, flags] of words.flags) lines.push(`_plinkd_flags_${key}=${array(flags)}`);
  for (const [key, values] of words.values) lines.push(`_plinkd_values_${key}=${array(values)}`);
  lines.push(`_plinkd() {
  local -a candidates
  local product=\${words[2]} action=\${words[3]} prev=\${words[CURRENT-1]} cur=\${words[CURRENT]} key
  if (( CURRENT == 2 )); then
    candidates=($_plinkd_commands --help)
  else
    case $product in
      completion) (( CURRENT == 3 )) && candidates=(bash zsh) ;;
      topology) candidates=(--json --endpoint --help) ;;
      serve) ;;
      *)
        # Names go into parameter names below: only plain identifiers.
        [[ $product =~ '^[a-z]+$' ]] || return 1
        if (( CURRENT == 3 )); then
          candidates=(\${(P)\${:-_plinkd_actions_$product}} --help)
        else
          [[ $action =~ '^[A-Za-z0-9]+$' ]] || return 1
          if [[ $prev == --* && $cur != -* ]]; then
            key=\${\${prev#--}//./_}
            [[ $key =~ '^[A-Za-z0-9_]+$' ]] && candidates=(\${(P)\${:-_plinkd_values_\${product}_\${action}_$key}})
          else
            candidates=(\${(P)\${:-_plinkd_flags_\${product}_\${action}}} $_plinkd_options)
          fi
        fi
        ;;
    esac
  fi
  compadd -a candidates
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _plinkd "$@"
else
  compdef _plinkd plinkd
fi
`);
  return lines.join('\n');
}
