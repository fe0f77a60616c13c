import { comparePositions, ORIGIN_POSITION } from '../position.js';
import type { Change, ChangeFollower, FollowHandlers, StoreHealth } from '../types.js';
import type { RedisClient } from './connection.js';

const READ_COUNT = 1000;
const BLOCK_MS = 2000;

/**
 * Follows the change stream with blocking XREAD on a connection of its own,
 * resuming from the last delivered ID after any disconnect (SPEC §1: "resumable,
 * no lost updates"). When the stream no longer holds what comes after that ID —
 * trimmed past it, or Redis came back empty — it reports a gap and the replica
 * reloads a snapshot.
 */
export class RedisStreamFollower implements ChangeFollower {
  private stopped = false;
  private health: StoreHealth = 'ok';
  private mustCheckGap = true;

  constructor(
    private readonly client: RedisClient,
    private readonly stream: string,
    private position: string,
    private readonly handlers: FollowHandlers,
    private readonly decode: (payload: string) => Change[],
    private readonly detach: () => void,
  ) {
    client.on('error', () => undefined);
  }

  start(): void {
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.mustCheckGap) {
          if (await this.hasGap()) {
            this.setHealth('ok');
            this.stop();
            this.handlers.onGap();
            return;
          }
          this.mustCheckGap = false;
        }
        const reply = (await this.client.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', this.stream, this.position)) as
          | Array<[string, Array<[string, string[]]>]>
          | null;
        this.setHealth('ok');
        const entries = reply?.[0]?.[1] ?? [];
        for (const [id, fields] of entries) {
          if (this.stopped) return;
          this.position = id;
          this.handlers.onBatch({ position: id, changes: this.decode(fieldValue(fields, 'c')) });
        }
        // A full read means we are behind; the stream may have been trimmed past us.
        if (entries.length === READ_COUNT) this.mustCheckGap = true;
      } catch {
        if (this.stopped) return;
        this.setHealth('unavailable');
        this.mustCheckGap = true;
        await sleep(250);
      }
    }
  }

  /**
   * Trimming (XADD MAXLEN ~) removes the oldest entries; if the stream's first
   * entry is past our position and our own entry is gone too, entries we never
   * saw may be gone (Redis 7.0 does not move max-deleted-entry-id on trims, so we
   * look at the entries themselves). If the stream's last ID is behind us, Redis
   * lost data (a restart without AOF) or was replaced.
   */
  private async hasGap(): Promise<boolean> {
    const exists = await this.client.exists(this.stream);
    if (exists === 0) return this.position !== ORIGIN_POSITION;
    const info = (await this.client.xinfo('STREAM', this.stream)) as unknown[];
    const field = (name: string): unknown => {
      for (let i = 0; i + 1 < info.length; i += 2) if (info[i] === name) return info[i + 1];
      return undefined;
    };
    const lastGenerated = field('last-generated-id');
    if (typeof lastGenerated === 'string' && comparePositions(lastGenerated, this.position) < 0) return true;
    const first = field('first-entry') as [string, string[]] | null | undefined;
    if (!Array.isArray(first) || comparePositions(first[0], this.position) <= 0) return false;
    if (this.position === ORIGIN_POSITION) {
      // From the origin, a gap means something was ever trimmed.
      const added = field('entries-added');
      const length = field('length');
      return typeof added === 'number' && typeof length === 'number' ? added > length : true;
    }
    const own = await this.client.xrange(this.stream, this.position, this.position);
    return own.length === 0;
  }

  private setHealth(health: StoreHealth): void {
    if (health === this.health) return;
    this.health = health;
    this.handlers.onHealth?.(health);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.detach();
    this.client.disconnect();
  }
}

function fieldValue(fields: string[], name: string): string {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1]!;
  return '[]';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
