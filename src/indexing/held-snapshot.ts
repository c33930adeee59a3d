/**
 * The held articles snapshot (`<dataDir>/index/held.snapshot`): every article and its terms as a
 * store on a database server hands them over (JSON), saved beside the index snapshots so that a
 * new server on an existing store starts without reading the whole archive back from the
 * database. A 32-byte header (magic, format version, record count, store generation, CRC-32 of
 * the rest) and one record per article: three lengths, then the id, the article's JSON and its
 * terms' JSON. It loads as one buffer with an offset per id; an article is parsed only when read.
 * Written atomically; a missing, torn, corrupt or other-version file is a reason, never a crash.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Article } from '../articles/article.js';
import { AppError } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import { commitAtomic } from '../vector-index/atomic-file.js';

/** Bumped whenever the layout or the meaning of a record changes. */
export const HELD_SNAPSHOT_VERSION = 1;
/** The snapshot's file name inside the index folder. */
export const HELD_SNAPSHOT_FILE = 'held.snapshot';

const MAGIC = 'MLHELDSN';
const HEADER_BYTES = 32;
/** Records are written in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

/** Articles and terms packed in one buffer, parsed on read. */
export interface PackedArticles {
  readonly generation: number;
  has(id: string): boolean;
  article(id: string): Article | undefined;
  terms(id: string): TermWeights | undefined;
  /** Every id with its article's and terms' JSON bytes (views into the buffer). */
  entries(): Iterable<readonly [id: string, article: Uint8Array, terms: Uint8Array]>;
}

export type HeldSnapshotLoad =
  | { readonly ok: true; readonly packed: PackedArticles }
  | { readonly ok: false; readonly reason: string };

/** One record to save: the JSON of an article and of its terms, as bytes or as values. */
export type HeldRecord = readonly [
  id: string,
  article: Uint8Array | Article,
  terms: Uint8Array | TermWeights,
];

/** Saves and loads the held articles snapshot of one data folder. */
export interface HeldSnapshots {
  load(): HeldSnapshotLoad;
  /** Writes `records` as reflecting store `generation`, atomically; throws STORAGE_FAILED. */
  save(records: Iterable<HeldRecord>, generation: number): void;
}

/** The snapshot kept at `file`; a save at the generation last loaded or saved is skipped. */
export function createHeldSnapshots(file: string): HeldSnapshots {
  let known: number | undefined;
  return {
    load() {
      const loaded = readHeldSnapshot(file);
      known = loaded.ok ? loaded.packed.generation : undefined;
      return loaded;
    },
    save(records, generation) {
      if (generation === known) {
        return;
      }
      try {
        commitAtomic(file, (temp) => writeRecords(temp, records, generation));
        known = generation;
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the held articles snapshot ${file}`, {
          cause: error,
        });
      }
    },
  };
}

const bytesOf = (value: Uint8Array | object): Uint8Array =>
  value instanceof Uint8Array ? value : Buffer.from(JSON.stringify(value));

/** The lengths of a record's parts, then the parts. */
function encode([id, article, terms]: HeldRecord): Uint8Array[] {
  const parts = [Buffer.from(id), bytesOf(article), bytesOf(terms)];
  const lengths = Buffer.alloc(12);
  for (const [i, part] of parts.entries()) {
    lengths.writeUInt32LE(part.byteLength, 4 * i);
  }
  return [lengths, ...parts];
}

function writeRecords(temp: string, records: Iterable<HeldRecord>, generation: number): void {
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, Buffer.alloc(HEADER_BYTES));
    let crc = 0;
    let count = 0;
    let chunk: Uint8Array[] = [];
    let size = 0;
    const flush = () => {
      const bytes = Buffer.concat(chunk);
      crc = crc32(bytes, crc);
      writeSync(fd, bytes);
      chunk = [];
      size = 0;
    };
    for (const record of records) {
      const parts = encode(record);
      chunk.push(...parts);
      size += parts.reduce((sum, part) => sum + part.byteLength, 0);
      count += 1;
      if (size >= CHUNK_BYTES) {
        flush();
      }
    }
    flush();
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(HELD_SNAPSHOT_VERSION, 8);
    header.writeUInt32LE(count, 12);
    header.writeDoubleLE(generation, 16);
    header.writeUInt32LE(crc, 24);
    writeSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
}

/** Reads `file`, or says why it cannot be used. */
export function readHeldSnapshot(file: string): HeldSnapshotLoad {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return { ok: false, reason: `there is no readable held articles snapshot at ${file}` };
  }
  if (buffer.byteLength < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== MAGIC) {
    return { ok: false, reason: 'the held articles snapshot is not one (bad magic or truncated)' };
  }
  const version = buffer.readUInt32LE(8);
  if (version !== HELD_SNAPSHOT_VERSION) {
    return {
      ok: false,
      reason: `the held articles snapshot has format version ${version}, this build reads ${HELD_SNAPSHOT_VERSION}`,
    };
  }
  if (crc32(buffer.subarray(HEADER_BYTES)) !== buffer.readUInt32LE(24)) {
    return { ok: false, reason: 'the held articles snapshot is corrupt (checksum differs)' };
  }
  const offsets = scan(buffer, buffer.readUInt32LE(12));
  if (offsets === undefined) {
    return { ok: false, reason: 'the held articles snapshot is torn (records overrun the file)' };
  }
  return { ok: true, packed: packed(buffer, offsets, buffer.readDoubleLE(16)) };
}

/** The start of each record by id, or undefined when the records do not fill the file exactly. */
function scan(buffer: Buffer, count: number): Map<string, number> | undefined {
  const offsets = new Map<string, number>();
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i += 1) {
    if (at + 12 > buffer.byteLength) {
      return undefined;
    }
    const idLength = buffer.readUInt32LE(at);
    offsets.set(buffer.toString('utf8', at + 12, at + 12 + idLength), at);
    at += 12 + idLength + buffer.readUInt32LE(at + 4) + buffer.readUInt32LE(at + 8);
  }
  return at === buffer.byteLength ? offsets : undefined;
}

function packed(buffer: Buffer, offsets: Map<string, number>, generation: number): PackedArticles {
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
  };
}
