import type { Kind } from '../types.js';

/**
 * Every key a transaction touches carries the same hash tag, so Redis Cluster
 * places them in one slot and the commit script can run there (ioredis docs,
 * "Transaction and pipeline in cluster mode"). One ordered change stream is what
 * lets every replica converge on the same state; it lives in that slot too, with
 * the counter that numbers its batches. Nonce claims and leases are single-key
 * commands and spread over the cluster untagged.
 */
export class RedisKeys {
  readonly stream: string;
  /** INCR'd by every commit; each stream entry carries its number (gap detection). */
  readonly sequence: string;
  private readonly tag: string;
  private readonly namespace: string;

  constructor(namespace = 'plinkd') {
    this.namespace = namespace;
    this.tag = `{${namespace}}`;
    this.stream = `${this.tag}:changes`;
    this.sequence = `${this.tag}:sequence`;
  }

  /**
   * The pub/sub channel on which every commit announces its batch (commit-script.ts). Channels
   * are server-wide, not per database, so the database is part of the name.
   */
  announcements(db: number): string {
    return `${this.tag}:announcements:${db}`;
  }

  docs(kind: Kind): string {
    return `${this.tag}:doc:${kind}`;
  }

  claim(key: string): string {
    return `${this.namespace}:claim:${key}`;
  }

  lease(name: string): string {
    return `${this.namespace}:lease:${name}`;
  }
}
