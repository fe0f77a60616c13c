import type { Replica } from '../../replica/replica.js';
import { topologyChanges } from './changes.js';
import type { TopologyChange } from './types.js';
import type { TopologySource } from './build.js';

export type TopologyListener = (changes: readonly TopologyChange[], position: string) => void;

/**
 * The replica's change feed as topology changes, for `GET /v1/events`. It
 * subscribes on the first listener, without a replay of the replica's content
 * (a listener starts from a snapshot of its own), and the subscription then
 * stays. Without listeners a batch costs one check.
 */
export class TopologyFeed {
  private readonly listeners = new Set<TopologyListener>();
  private subscribed = false;

  constructor(private readonly replica: TopologySource & Pick<Replica, 'subscribe'>) {}

  /** Calls `listener` with the changes of every batch applied from now on; returns the remover. */
  listen(listener: TopologyListener): () => void {
    this.subscribe();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private subscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) }, { replay: false });
  }

  private onChanges(applied: Parameters<typeof topologyChanges>[0]): void {
    if (this.listeners.size === 0) return;
    const changes = topologyChanges(applied, this.replica);
    if (changes.length === 0) return;
    for (const listener of [...this.listeners]) listener(changes, this.replica.position);
  }
}
