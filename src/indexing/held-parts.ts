/**
 * Reading the held articles snapshot (layout in held-snapshot.ts): the checks (magic, version,
 * CRC-32, records filling the file exactly), the record offsets and ids, and the packed view
 * over the bytes that parses an article only when it is read. The reading half runs in a thread
 * of its own at start (see held-read-worker.ts): it hands back the bytes, offsets and ids, and
 * the main thread only makes the id map.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Article } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';

/** Bumped whenever the layout or the meaning of a record changes. */
export const HELD_SNAPSHOT_VERSION = 1;
export const MAGIC = 'MLHELDSN';
export const HEADER_BYTES = 32;
/** Joins the ids a reader thread hands back (ids never hold it). */
const ID_SEPARATOR = '\u0000';

/** Articles and terms packed in one buffer, parsed on read. */
export interface PackedArticles {
  readonly generation: number;
  has(id: string): boolean;
  article(id: string): Article | undefined;
  terms(id: string): TermWeights | undefined;
  /** Every id with its article's and terms' JSON bytes (views into the buffer). */
  entries(): Iterable<readonly [id: string, article: Uint8Array, terms: Uint8Array]>;
  /** The snapshot's bytes, shared with the thread that saves the next snapshot. */
  readonly bytes: SharedArrayBuffer;
  /** Every id with its whole record's byte range in `bytes`, in file order. */
  ranges(): Iterable<readonly [id: string, start: number, end: number]>;
}

export type HeldSnapshotLoad =
  | { readonly ok: true; readonly packed: PackedArticles }
  | { readonly ok: false; readonly reason: string };

/** A checked snapshot as a reader thread hands it over (all transferable or a string). */
export interface HeldParts {
  /** The file's bytes, in memory both threads can read (never copied between them). */
  readonly bytes: SharedArrayBuffer;
  /** The start of every record, in file order. */
  readonly offsets: Float64Array;
  /** The records' ids in file order, joined by ID_SEPARATOR. */
  readonly ids: string;
  readonly generation: number;
}

/** Reads and checks `file`: its parts, or the reason it cannot be used. */
export function readHeldParts(file: string): HeldParts | { readonly reason: string } {
  let buffer: Buffer;
  try {
    buffer = readShared(file);
  } catch {
    return { reason: `there is no readable held articles snapshot at ${file}` };
  }
  if (buffer.byteLength < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== MAGIC) {
    return { reason: 'the held articles snapshot is not one (bad magic or truncated)' };
  }
  const version = buffer.readUInt32LE(8);
  if (version !== HELD_SNAPSHOT_VERSION) {
    return {
      reason: `the held articles snapshot has format version ${version}, this build reads ${HELD_SNAPSHOT_VERSION}`,
    };
  }
  if (crc32(buffer.subarray(HEADER_BYTES)) !== buffer.readUInt32LE(24)) {
    return { reason: 'the held articles snapshot is corrupt (checksum differs)' };
  }
  const count = buffer.readUInt32LE(12);
  const offsets = new Float64Array(count);
  const ids: string[] = [];
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i += 1) {
    if (at + 12 > buffer.byteLength) {
      return { reason: 'the held articles snapshot is torn (records overrun the file)' };
    }
    const idLength = buffer.readUInt32LE(at);
    offsets[i] = at;
    ids.push(buffer.toString('utf8', at + 12, at + 12 + idLength));
    at += 12 + idLength + buffer.readUInt32LE(at + 4) + buffer.readUInt32LE(at + 8);
  }
  if (at !== buffer.byteLength) {
    return { reason: 'the held articles snapshot is torn (records overrun the file)' };
  }
  return {
    bytes: buffer.buffer as SharedArrayBuffer,
    offsets,
    ids: ids.join(ID_SEPARATOR),
    generation: buffer.readDoubleLE(16),
  };
}

/** The whole of `file` in a SharedArrayBuffer. */
function readShared(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.from(new SharedArrayBuffer(fstatSync(fd).size));
    let at = 0;
    while (at < buffer.byteLength) {
      const read = readSync(fd, buffer, at, buffer.byteLength - at, at);
      if (read === 0) {
        break;
      }
      at += read;
    }
    return buffer.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** The packed view over checked parts (or the reason they were not usable). */
export function assemble(parts: HeldParts | { readonly reason: string }): HeldSnapshotLoad {
  if ('reason' in parts) {
    return { ok: false, reason: parts.reason };
  }
  const buffer = Buffer.from(parts.bytes);
  const offsets = new Map<string, number>();
  const ids = parts.offsets.length === 0 ? [] : parts.ids.split(ID_SEPARATOR);
  if (ids.length === parts.offsets.length) {
    for (const [i, id] of ids.entries()) {
      offsets.set(id, parts.offsets[i] as number);
    }
  } else {
    // An id held the separator: read each id from its record instead.
    for (const at of parts.offsets) {
      offsets.set(buffer.toString('utf8', at + 12, at + 12 + buffer.readUInt32LE(at)), at);
    }
  }
  return { ok: true, packed: packed(parts.bytes, offsets, parts.generation) };
}

function packed(
  bytes: SharedArrayBuffer,
  offsets: Map<string, number>,
  generation: number,
): PackedArticles {
  const buffer = Buffer.from(bytes);
  /** The article's and the terms' bytes of the record at `at`. */
  const parts = (at: number): [Buffer, Buffer] => {
    const start = at + 12 + buffer.readUInt32LE(at);
    const middle = start + buffer.readUInt32LE(at + 4);
    return [
      buffer.subarray(start, middle),
      buffer.subarray(middle, middle + buffer.readUInt32LE(at + 8)),
    ];
  };
  const read = (id: string, part: 0 | 1) => {
    const at = offsets.get(id);
    return at === undefined ? undefined : JSON.parse(parts(at)[part].toString('utf8'));
  };
  return {
    generation,
    has: (id) => offsets.has(id),
    article: (id) => read(id, 0) as Article | undefined,
    terms: (id) => read(id, 1) as TermWeights | undefined,
    *entries() {
      for (const [id, at] of offsets) {
        yield [id, ...parts(at)] as const;
      }
    },
    bytes,
    *ranges() {
      for (const [id, at] of offsets) {
        const end = at + 12 + buffer.readUInt32LE(at) + buffer.readUInt32LE(at + 4);
        yield [id, at, end + buffer.readUInt32LE(at + 8)] as const;
      }
    },
  };
}
