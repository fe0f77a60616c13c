/**
 * Reassembles DNS-over-TCP messages (RFC 1035 §4.2.2: a 2-byte length, then the
 * message) from arbitrary chunks: frames split across reads, byte by byte, or
 * many in one read (RFC 7766 §8). Holds at most one partial frame (≤ 65535
 * bytes — the length field cannot say more), so a slow or never-ending client
 * cannot grow memory. Complete frames inside a chunk are passed on without copying.
 *
 * The consumer may ask to stop between frames (its output is backed up); the
 * rest of the chunk is kept as a backlog until `resume`.
 */
export class TcpFramer {
  private lengthBytes = 0;
  private firstLengthByte = 0;
  private frame: Buffer | null = null;
  private filled = 0;
  private backlog: Buffer | null = null;

  /** True while a frame is partly received or input waits in the backlog. */
  get pending(): boolean {
    return this.lengthBytes > 0 || this.frame !== null || this.backlog !== null;
  }

  /**
   * Feeds a chunk. onFrame gets each complete message in order and returns
   * whether to go on. Returns 'bad' on a zero-length frame (no DNS message can
   * be empty: the caller closes), 'stopped' if onFrame asked to stop, else 'ok'.
   */
  push(chunk: Buffer, onFrame: (message: Buffer) => boolean): 'ok' | 'stopped' | 'bad' {
    if (this.backlog !== null) {
      this.backlog = Buffer.concat([this.backlog, chunk]);
      return 'stopped';
    }
    return this.consume(chunk, onFrame);
  }

  /** Processes the backlog kept when onFrame last asked to stop. */
  resume(onFrame: (message: Buffer) => boolean): 'ok' | 'stopped' | 'bad' {
    const backlog = this.backlog;
    if (backlog === null) return 'ok';
    this.backlog = null;
    return this.consume(backlog, onFrame);
  }

  private consume(chunk: Buffer, onFrame: (message: Buffer) => boolean): 'ok' | 'stopped' | 'bad' {
    let p = 0;
    while (p < chunk.length) {
      let complete: Buffer | null = null;
      if (this.frame === null) {
        if (this.lengthBytes === 0 && chunk.length - p >= 2) {
          const length = chunk.readUInt16BE(p);
          if (length === 0) return 'bad';
          p += 2;
          if (chunk.length - p >= length) {
            complete = chunk.subarray(p, p + length);
            p += length;
          } else {
            this.frame = Buffer.allocUnsafe(length);
          }
        } else if (this.lengthBytes === 0) {
          this.firstLengthByte = chunk[p++] as number;
          this.lengthBytes = 1;
        } else {
          const length = (this.firstLengthByte << 8) | (chunk[p++] as number);
          this.lengthBytes = 0;
          if (length === 0) return 'bad';
          this.frame = Buffer.allocUnsafe(length);
        }
      } else {
        const take = Math.min(this.frame.length - this.filled, chunk.length - p);
        chunk.copy(this.frame, this.filled, p, p + take);
        this.filled += take;
        p += take;
        if (this.filled === this.frame.length) {
          complete = this.frame;
          this.frame = null;
          this.filled = 0;
        }
      }
      if (complete !== null && !onFrame(complete)) {
        if (p < chunk.length) this.backlog = Buffer.from(chunk.subarray(p));
        return 'stopped';
      }
    }
    return 'ok';
  }
}
