import { quoted, type Words } from './completion-words.js';
import { OPTION_FLAGS } from './options.js';

/**
 * The zsh script: the words as arrays, one function reading `words` and `CURRENT`
 * (`${(P)…}` for the array of a product or action); as an autoloaded `_plinkd` in
 * $fpath it completes at once, eval'ed it registers itself with compdef.
 */
export function zshScript(words: Words): string {
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
