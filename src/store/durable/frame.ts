import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Records on disk (docs/design/persistence.md "Format"): a 12-byte header —
 * payload length, CRC-32 of those 4 length bytes, CRC-32 of the payload, all
 * little-endian u32 — then the payload (UTF-8 JSON). The length has a check of
 * its own, so a damaged length is seen as damage instead of being trusted to
 * skip (and silently lose) the records behind it.
 */
export const HEADER_BYTES = 12;

export function frame(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const record = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  record.writeUInt32LE(body.length, 0);
  record.writeUInt32LE(crc32(record.subarray(0, 4)), 4);
  record.writeUInt32LE(crc32(body), 8);
  body.copy(record, HEADER_BYTES);
  return record;
}

/** How a file's records end: cleanly, or with a torn last write that recovery drops. */
export type FramesEnd = { kind: 'clean' } | { kind: 'torn'; offset: number; reason: string };

/** A damaged record with intact data behind it: never dropped silently. */
export class DamagedRecordError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
    readonly following: number,
  ) {
    super(`${file}: the record at byte ${offset} is damaged (${reason}) and ${following} bytes of records follow it`);
    this.name = 'DamagedRecordError';
  }
}

const CHUNK = 1 << 20;

/**
 * Reads a file's records in order, through a 1 MiB window (snapshots can be far
 * larger than one buffer should be). A bad record is a torn tail when nothing
 * but it, or zeros, follows — what an interrupted append leaves — and damage
 * otherwise.
 */
export function readFrames(path: string, visit: (payload: Buffer, offset: number) => void): FramesEnd {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let window = Buffer.alloc(0);
    let windowStart = 0;
    const bytesAt = (offset: number, length: number): Buffer => {
      if (offset < windowStart || offset + length > windowStart + window.length) {
        window = Buffer.allocUnsafe(Math.max(length, Math.min(CHUNK, size - offset)));
        const read = readSync(fd, window, 0, window.length, offset);
        window = window.subarray(0, read);
        windowStart = offset;
      }
      return window.subarray(offset - windowStart, offset - windowStart + length);
    };
    const zerosFrom = (offset: number): boolean => {
      for (let at = offset; at < size; at += CHUNK) {
        const chunk = bytesAt(at, Math.min(CHUNK, size - at));
        if (chunk.some((byte) => byte !== 0)) return false;
      }
      return true;
    };
    const bad = (offset: number, end: number, reason: string): FramesEnd => {
      if (end >= size || zerosFrom(end)) return { kind: 'torn', offset, reason };
      throw new DamagedRecordError(path, offset, reason, size - end);
    };

    let offset = 0;
    while (offset < size) {
      if (size - offset < HEADER_BYTES) return { kind: 'torn', offset, reason: 'incomplete header' };
      const header = bytesAt(offset, HEADER_BYTES);
      const length = header.readUInt32LE(0);
      if (crc32(header.subarray(0, 4)) !== header.readUInt32LE(4)) {
        // The length cannot be trusted: is anything but zeros left after this header?
        return bad(offset, offset + HEADER_BYTES, 'length check failed');
      }
      const end = offset + HEADER_BYTES + length;
      if (end > size) return { kind: 'torn', offset, reason: 'incomplete record' };
      const payload = bytesAt(offset + HEADER_BYTES, length);
      if (crc32(payload) !== header.readUInt32LE(8)) return bad(offset, end, 'checksum mismatch');
      visit(payload, offset);
      offset = end;
    }
    return { kind: 'clean' };
  } finally {
    closeSync(fd);
  }
}
