import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FleetEndpoint } from '../common/fleet.js';
import { shuffleInPlace, xorshift32 } from '../common/xorshift.js';

/** One seed for both orders of the hostile file (written for dnsperf, held in process), so they are the same queries. */
const SHUFFLE_SEED = 4321;

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
      shuffleInPlace(lines, xorshift32(SHUFFLE_SEED));
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

/** Queries kept in slabs of this many bytes, outside the V8 heap. */
const SLAB = 32 * 1024 * 1024;

/**
 * The same queries, in process (bench/dns/full-path-profile.ts): A for every
 * name, AAAA too for DualStack, shuffled in a fixed order, as query messages
 * (ID 0, no RD, no EDNS, as dnsperf sends the file). Kept as bytes off the
 * heap, so that millions of them do not add to the heap the garbage collector
 * walks; `query(i)` hands out a fresh Buffer over one, as the socket does.
 */
export class HostileQueries {
  private readonly slabs: Buffer[] = [];
  private used = SLAB;
  /** Per query: slab index × 2^25 + offset (< 2^25), and length. */
  private where = new Float64Array(1 << 16);
  private lengths = new Uint8Array(1 << 16);
  private count = 0;
  private shuffled = false;

  add(batch: readonly FleetEndpoint[]): void {
    for (const { names } of batch) {
      for (const name of names) {
        this.push(name.name, 1);
        if (name.aaaa.length > 0) this.push(name.name, 28);
      }
    }
  }

  get size(): number {
    return this.count;
  }

  /** The i-th query of the shuffled order. */
  query(i: number): Buffer {
    if (!this.shuffled) this.shuffle();
    const at = this.where[i] as number;
    const slab = this.slabs[Math.floor(at / 2 ** 25)] as Buffer;
    const offset = at % 2 ** 25;
    return slab.subarray(offset, offset + (this.lengths[i] as number));
  }

  private push(name: string, type: number): void {
    const length = 12 + name.length + 2 + 4;
    if (this.used + length > SLAB) {
      this.slabs.push(Buffer.allocUnsafeSlow(SLAB));
      this.used = 0;
    }
    const slab = this.slabs[this.slabs.length - 1] as Buffer;
    let p = this.used;
    slab.fill(0, p, p + 12);
    slab[p + 5] = 1; // QDCOUNT
    p += 12;
    for (const label of name.split('.')) {
      slab[p++] = label.length;
      p += slab.write(label, p, 'latin1');
    }
    slab[p++] = 0;
    slab.writeUInt16BE(type, p);
    slab.writeUInt16BE(1, p + 2);
    if (this.count === this.where.length) {
      const where = new Float64Array(this.count * 2);
      where.set(this.where);
      this.where = where;
      const lengths = new Uint8Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.where[this.count] = (this.slabs.length - 1) * 2 ** 25 + this.used;
    this.lengths[this.count] = length;
    this.count++;
    this.used += length;
  }

  /**
   * Copies the queries into new slabs in a fixed shuffled order, so that they
   * are read in the order they lie, as a socket's fresh buffers would be:
   * read in place at random, each would cost the bench a cache miss the
   * server does not pay.
   */
  private shuffle(): void {
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    shuffleInPlace(order, xorshift32(SHUFFLE_SEED));
    const slabs: Buffer[] = [];
    const where = new Float64Array(this.count);
    const lengths = new Uint8Array(this.count);
    let used = SLAB;
    for (let i = 0; i < order.length; i++) {
      const k = order[i] as number;
      const length = this.lengths[k] as number;
      if (used + length > SLAB) {
        slabs.push(Buffer.allocUnsafeSlow(SLAB));
        used = 0;
      }
      const at = this.where[k] as number;
      const from = this.slabs[Math.floor(at / 2 ** 25)] as Buffer;
      from.copy(slabs[slabs.length - 1] as Buffer, used, at % 2 ** 25, (at % 2 ** 25) + length);
      where[i] = (slabs.length - 1) * 2 ** 25 + used;
      lengths[i] = length;
      used += length;
    }
    this.slabs.splice(0, this.slabs.length, ...slabs);
    this.where = where;
    this.lengths = lengths;
    this.shuffled = true;
  }
}
