import type { Kind } from '../types.js';

/**
 * Every key a transaction touches carries the same hash tag, so Redis Cluster
 * places them in one slot and the commit script can run there (ioredis docs,
 * "Transaction and pipeline in cluster mode"). One ordered change stream is what
 * lets every replica converge on the same state; it lives in that slot too.
 * Nonce claims are not transactional and spread over the cluster untagged.
 */
export class RedisKeys {
  readonly stream: string;
  private readonly tag: string;

  constructor(namespace = 'plinkd') {
    this.tag = `{${namespace}}`;
    this.stream = `${this.tag}:changes`;
  }

  docs(kind: Kind): string {
    return `${this.tag}:doc:${kind}`;
  }

  claim(key: string): string {
    return `${this.tag.slice(1, -1)}:claim:${key}`;
  }
}
