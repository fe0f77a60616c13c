import { afterEach, describe, expect, it, vi } from 'vitest';
import { Flags } from '../../bench/common/flags.js';

/**
 * The benches' command lines (bench/common/flags.ts): a bad flag is one line naming it and exit 2,
 * as plinkd's own misconfiguration is. process.exit is intercepted so the refusal can be read.
 */
class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

function refusal(argv: string[]): { code: number | undefined; message: string } {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((text: string) => void errors.push(text));
  vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
    throw new Exit(Number(code));
  });
  try {
    new Flags(argv, 'usage', ['kinds']).choices('kinds', ['reads', 'description', 'zones'], ['reads']);
  } catch (err) {
    if (err instanceof Exit) return { code: err.code, message: errors.join('\n').split('\n')[0] ?? '' };
    throw err;
  }
  throw new Error('expected the flags to be refused');
}

describe('Flags.choices', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads a comma-separated list of named items, in the order given, or the default', () => {
    const kinds = ['reads', 'description', 'zones'] as const;
    expect(new Flags(['--kinds', 'zones,reads'], 'usage', ['kinds']).choices('kinds', kinds, ['reads'])).toEqual(['zones', 'reads']);
    expect(new Flags(['--kinds=description'], 'usage', ['kinds']).choices('kinds', kinds, ['reads'])).toEqual(['description']);
    expect(new Flags([], 'usage', ['kinds']).choices('kinds', kinds, kinds)).toEqual([...kinds]);
  });

  it('refuses an item it does not know with one line naming the flag, exit 2', () => {
    expect(refusal(['--kinds', 'reads,zone'])).toEqual({
      code: 2,
      message: "--kinds: expected some of reads,description,zones, got 'reads,zone'",
    });
    expect(refusal(['--kinds', ''])).toMatchObject({ code: 2 });
    expect(refusal(['--out', 'file.md'])).toEqual({ code: 2, message: 'unknown flag --out' });
  });
});
