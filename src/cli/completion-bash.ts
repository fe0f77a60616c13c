import { quoted, type Words } from './completion-words.js';
import { OPTION_FLAGS } from './options.js';

/**
 * The bash script: the words as variables, one function reading COMP_WORDS. Product and
 * action names are checked to be identifiers before they form a variable name in an eval.
 */
export function bashScript(words: Words): string {
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
