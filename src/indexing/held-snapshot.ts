/**
 * The held articles snapshot (`<dataDir>/index/held.snapshot`): every article and its terms as a
 * store on a database server hands them over (JSON), saved beside the index snapshots so that a
 * new server on an existing store starts without reading the whole archive back from the
 * database. A 32-byte header (magic, format version, record count, store generation, CRC-32 of
 * the rest) and one record per article: three lengths, then the id, the article's JSON and its
 * terms' JSON. It loads as one buffer with an offset per id; an article is parsed only when read.
 * Written atomically; a missing, torn, corrupt or other-version file is a reason, never a crash.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { Article } from '../articles/article.js';
import { startModuleWorker } from '../embedding/worker-pool-embedder.js';
import { AppError } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import { commitAtomic } from '../vector-index/atomic-file.js';
import {
  assemble,
  HEADER_BYTES,
  HELD_SNAPSHOT_VERSION,
  type HeldParts,
  type HeldSnapshotLoad,
  MAGIC,
  readHeldParts,
} from './held-parts.js';

export {
  HELD_SNAPSHOT_VERSION,
  type HeldSnapshotLoad,
  type PackedArticles,
} from './held-parts.js';

/** The snapshot's file name inside the index folder. */
export const HELD_SNAPSHOT_FILE = 'held.snapshot';

/** Records are written in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

/** One record to save: the JSON of an article and of its terms, as bytes or as values. */
export type HeldRecord = readonly [
  id: string,
  article: Uint8Array | Article,
  terms: Uint8Array | TermWeights,
];

/** Saves and loads the held articles snapshot of one data folder. */
export interface HeldSnapshots {
  /** Reads the snapshot in a thread of its own (taking over a read `prefetch` began). */
  load(): Promise<HeldSnapshotLoad>;
  /** Begins reading the snapshot now, for the next `load` (start-up overlaps it). */
  prefetch(): void;
  /** Writes `records` as reflecting store `generation`, atomically; throws STORAGE_FAILED. */
  save(records: Iterable<HeldRecord>, generation: number): void;
}

/** The snapshot kept at `file`; a save at the generation last loaded or saved is skipped. */
export function createHeldSnapshots(file: string): HeldSnapshots {
  let known: number | undefined;
  let pending: Promise<HeldSnapshotLoad> | undefined;
  return {
    prefetch() {
      pending ??= readHeldSnapshotOffThread(file);
    },
    async load() {
      const reading = pending ?? readHeldSnapshotOffThread(file);
      pending = undefined;
      const loaded = await reading;
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

/** Reads `file` on this thread, or says why it cannot be used. */
export function readHeldSnapshot(file: string): HeldSnapshotLoad {
  return assemble(readHeldParts(file));
}

/** Reads `file` in a thread of its own (on this thread if that thread fails). */
export function readHeldSnapshotOffThread(file: string): Promise<HeldSnapshotLoad> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (load: () => HeldSnapshotLoad) => {
      if (!settled) {
        settled = true;
        resolve(load());
      }
    };
    const worker = startModuleWorker(moduleUrl('held-read-worker'), { file });
    worker.once('message', (parts: HeldParts | { reason: string }) =>
      settle(() => assemble(parts)),
    );
    // A thread that failed or ended without an answer: read here instead.
    worker.once('error', () => settle(() => readHeldSnapshot(file)));
    worker.once('exit', () => settle(() => readHeldSnapshot(file)));
  });
}

/** URL of the sibling module `name`, with this module's extension (.ts under tsx). */
function moduleUrl(name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}
