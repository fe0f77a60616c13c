import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FleetEndpoint } from '../common/fleet.js';
import { xorshift32 } from '../common/xorshift.js';

/**
 * The cache-hostile query file: every name the fleet publishes, once each —
 * A for every name, AAAA too for a DualStack endpoint's — in a fixed shuffled
 * order. dnsperf reads the file from the top, so until it has sent them all no
 * name is asked twice: with more names than the server's reply cache holds,
 * every query takes the full path, as when each resolver of a real fleet asks
 * each name about once per TTL.
 */
export class HostileQueryBuilder {
  private readonly lines: string[] = [];

  add(batch: readonly FleetEndpoint[]): void {
    for (const { names } of batch) {
      for (const name of names) {
        this.lines.push(`${name.name} A`);
        if (name.aaaa.length > 0) this.lines.push(`${name.name} AAAA`);
      }
    }
  }

  get size(): number {
    return this.lines.length;
  }

  private shuffled = false;

  /**
   * Writes the shuffled lines to `file`, starting `fraction` of the way in and
   * wrapping around (streamed: at 1M endpoints it is ~5M lines).
   */
  async write(file: string, fraction = 0): Promise<void> {
    const lines = this.lines;
    if (!this.shuffled) {
      const next = xorshift32(4321);
      for (let i = lines.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        const swap = lines[i]!;
        lines[i] = lines[j]!;
        lines[j] = swap;
      }
      this.shuffled = true;
    }
    const start = Math.floor(fraction * lines.length) % Math.max(1, lines.length);
    const out = createWriteStream(file);
    const CHUNK = 10_000;
    for (let k = 0; k < lines.length; k += CHUNK) {
      const chunk: string[] = [];
      for (let i = k; i < Math.min(lines.length, k + CHUNK); i++) chunk.push(lines[(start + i) % lines.length]!);
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
}
