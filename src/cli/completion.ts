import { bashScript } from './completion-bash.js';
import { collectWords } from './completion-words.js';
import { zshScript } from './completion-zsh.js';
import { UsageError } from './io.js';

/**
 * `plinkd completion bash|zsh`: a script completing commands, products, actions,
 * parameter flags and the values of enum and boolean parameters. The words are
 * written into the script from the action registry when it is printed, so a TAB
 * costs no process; load it per shell (`eval "$(plinkd completion bash)"`) and it
 * follows the installed plinkd.
 */
export function completionScript(shell: string | undefined): string {
  if (shell === 'bash') return bashScript(collectWords());
  if (shell === 'zsh') return zshScript(collectWords());
  throw new UsageError('completion: name a shell, bash or zsh (plinkd completion bash)');
}
