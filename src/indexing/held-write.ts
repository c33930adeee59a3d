/**
 * Writing the held articles snapshot (layout in held-snapshot.ts) from a save plan: the records
 * kept from the loaded snapshot copied byte for byte out of its shared memory, then the records
 * encoded for the articles changed since. It runs in a thread of its own (held-save-worker.ts),
 * so the copy, checksum and fsync of ~360 MB at 100,000 articles do not stop the main thread;
 * the main thread only encodes what changed. Written atomically (temporary file, fsync, rename).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Article } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';
import { commitAtomic } from '../vector-index/atomic-file.js';
import { HEADER_BYTES, HELD_SNAPSHOT_VERSION, MAGIC } from './held-parts.js';

/** What a save writes. */
export interface HeldSavePlan {
  /** The loaded snapshot's bytes, when records are kept from it. */
  readonly base?: SharedArrayBuffer;
  /** Byte ranges of `base` holding whole records, as start and end pairs, in file order. */
  readonly kept: Float64Array;
  /** Records encoded here (each: three lengths, id, article JSON, terms JSON). */
  readonly added: Uint8Array;
  /** Records in all. */
  readonly count: number;
}

/** Writes at most this many bytes at once. */
const CHUNK_BYTES = 1 << 24;

/** One record's bytes: the lengths of its parts, then the id, article JSON and terms JSON. */
export function encodeRecord(id: string, article: Article, terms: TermWeights): Uint8Array[] {
  const parts = [
    Buffer.from(id),
    Buffer.from(JSON.stringify(article)),
    Buffer.from(JSON.stringify(terms)),
  ];
  const lengths = Buffer.alloc(12);
  for (const [i, part] of parts.entries()) {
    lengths.writeUInt32LE(part.byteLength, 4 * i);
  }
  return [lengths, ...parts];
}

/** Writes `plan` as the snapshot at `file` reflecting store `generation`. */
export function writeHeldPlan(file: string, plan: HeldSavePlan, generation: number): void {
  commitAtomic(file, (temp) => {
    const fd = openSync(temp, 'w');
    try {
      let at = HEADER_BYTES;
      let crc = 0;
      const write = (bytes: Uint8Array) => {
        for (let from = 0; from < bytes.byteLength; from += CHUNK_BYTES) {
          const chunk = bytes.subarray(from, Math.min(bytes.byteLength, from + CHUNK_BYTES));
          crc = crc32(chunk, crc);
          for (let done = 0; done < chunk.byteLength; ) {
            done += writeSync(fd, chunk, done, chunk.byteLength - done, at + done);
          }
          at += chunk.byteLength;
        }
      };
      const base = plan.base ? new Uint8Array(plan.base) : new Uint8Array(0);
      for (let i = 0; i + 1 < plan.kept.length; i += 2) {
        write(base.subarray(plan.kept[i], plan.kept[i + 1]));
      }
      write(plan.added);
      const header = Buffer.alloc(HEADER_BYTES);
      header.write(MAGIC, 0, 'latin1');
      header.writeUInt32LE(HELD_SNAPSHOT_VERSION, 8);
      header.writeUInt32LE(plan.count, 12);
      header.writeDoubleLE(generation, 16);
      header.writeUInt32LE(crc, 24);
      writeSync(fd, header, 0, HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  });
}
