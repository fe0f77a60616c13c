import type { AnswerChange } from '../lookup/types.js';

/**
 * Changes kept for the reply caches to catch up with: each one advances the
 * generation by one. Bounded: a reader further behind than the log reaches
 * gets undefined and drops everything (as it would after a restart).
 */
const KEEP = 16_384;

export class ChangeLog {
  private entries: AnswerChange[] = [];
  /** Generation of entries[0]. */
  private first = 1;

  get generation(): number {
    return this.first + this.entries.length - 1;
  }

  add(name: string, below: boolean): void {
    this.entries.push({ name, below });
    if (this.entries.length > 2 * KEEP) {
      this.entries = this.entries.slice(KEEP);
      this.first += KEEP;
    }
  }

  /** The changes after `generation`, oldest first; undefined when some are no longer kept. */
  since(generation: number): readonly AnswerChange[] | undefined {
    if (!Number.isInteger(generation) || generation < this.first - 1 || generation > this.generation) return undefined;
    return this.entries.slice(generation - this.first + 1);
  }
}
