/**
 * Bench command lines: `--name value` or `--name=value`; counts accept k / M
 * suffixes (100k, 1M). `--help` prints the usage and exits.
 */
export class Flags {
  private readonly values = new Map<string, string>();

  constructor(
    argv: readonly string[],
    private readonly usage: string,
    private readonly known: readonly string[],
  ) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--help' || arg === '-h') {
        console.log(usage);
        process.exit(0);
      }
      if (!arg.startsWith('--')) this.fail(`unexpected argument '${arg}'`);
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!known.includes(name)) this.fail(`unknown flag --${name}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) this.fail(`--${name} needs a value`);
      this.values.set(name, value as string);
    }
  }

  private fail(message: string): never {
    console.error(`${message}\n\n${this.usage}`);
    process.exit(2);
  }

  string(name: string, fallback: string): string {
    return this.values.get(name) ?? fallback;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  count(name: string, fallback: number): number {
    const raw = this.values.get(name);
    if (raw === undefined) return fallback;
    const value = parseCount(raw);
    if (value === undefined) this.fail(`--${name}: expected a positive number like 1000, 100k or 1M, got '${raw}'`);
    return value;
  }

  /** A comma-separated list, each item one of `allowed`, e.g. `--kinds reads,zones`. */
  choices<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
    const raw = this.values.get(name);
    if (raw === undefined) return [...fallback];
    return raw.split(',').map((part) => {
      const item = part.trim();
      if (!(allowed as readonly string[]).includes(item)) this.fail(`--${name}: expected some of ${allowed.join(',')}, got '${raw}'`);
      return item as T;
    });
  }

  counts(name: string, fallback: readonly number[]): number[] {
    const raw = this.values.get(name);
    if (raw === undefined) return [...fallback];
    return raw.split(',').map((part) => {
      const value = parseCount(part.trim());
      if (value === undefined) this.fail(`--${name}: expected counts like 1k,100k,1M, got '${raw}'`);
      return value;
    });
  }
}

export function parseCount(raw: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(raw);
  if (match === null) return undefined;
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2] as '' | 'k' | 'K' | 'm' | 'M'];
  const value = Math.round(Number(match[1]) * scale);
  return value > 0 ? value : undefined;
}
