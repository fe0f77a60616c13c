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
  private read = false;

  /**
   * Reading it makes the log keep entries from then on: until then no reader
   * can hold a generation to catch up from, so a change only advances it (a
   * first load, before the DNS server asks, keeps no entry per name).
   */
  get generation(): number {
    this.read = true;
    return this.first + this.entries.length - 1;
  }

  /** Whether anyone may need the changes by name (see generation); when not, add's name is not kept. */
  get watched(): boolean {
    return this.read;
  }

  add(name: string, below: boolean): void {
    if (!this.read) {
      this.first += 1;
      return;
    }
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
