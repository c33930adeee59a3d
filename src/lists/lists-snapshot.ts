/**
 * The lists snapshot (`<dataDir>/index/lists.snapshot`): every clean materialised list, saved
 * beside the index snapshots so a restarted server (or a second one on a copy of the data
 * folder) answers every list without computing it. One header line (format, store generation,
 * background, section sizes, SHA-256 of the rest), then four sections: the interned strings and
 * each list's source fields (JSON), every list's scores (float64) and compact pool (int32), as
 * pool-codec.ts packs them. Written atomically; a missing, torn, corrupt or other-version file is a
 * reason to compute the lists again, never a crash. The store stays the source of truth.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.js';
import type { ListsSnapshots, SavedLists } from '../recommend/materialised-lists.js';
import { writeFileAtomic } from '../vector-index/atomic-file.js';

/** Bumped whenever the layout or the meaning of a field changes. */
export const LISTS_SNAPSHOT_VERSION = 1;
/** The snapshot's file name inside the index folder. */
export const LISTS_SNAPSHOT_FILE = 'lists.snapshot';
const MAGIC = 'morelike-lists';

/** The lists snapshot kept at `file`. */
export function createListsSnapshots(file: string): ListsSnapshots {
  return {
    load: () => readListsSnapshot(file),
    save(lists) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileAtomic(file, encode(lists));
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the lists snapshot ${file}`, {
          cause: error,
        });
      }
    },
  };
}

/** The lists saved in `file`, or why they cannot be used. */
export function readListsSnapshot(file: string): SavedLists | string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return `there is no readable lists snapshot at ${file}`;
  }
  try {
    const newline = data.indexOf(10);
    const header = JSON.parse(data.subarray(0, Math.max(0, newline)).toString('utf8'));
    if (header?.magic !== MAGIC || header.version !== LISTS_SNAPSHOT_VERSION) {
      return `the lists snapshot is of another format (version ${String(header?.version)})`;
    }
    const body = data.subarray(newline + 1);
    const sizes = header.sections as number[];
    if (body.length !== sizes.reduce((a, b) => a + b, 0)) {
      return `the lists snapshot is truncated or torn (${data.length} bytes)`;
    }
    if (sha256(body) !== header.sha256) {
      return 'the lists snapshot is corrupt (checksum differs)';
    }
    return decode(header, body, sizes);
  } catch (error) {
    return `the lists snapshot is unusable (${error instanceof Error ? error.message : error})`;
  }
}

/** One list's fields in the meta section: id, title, language, publishedAt, stats, ints, floats. */
type ListMeta = [string, string, string | null, string | null, string, number, number];

function encode(lists: SavedLists): Buffer {
  const meta: ListMeta[] = lists.lists.map(({ id, packed, stats }) => [
    id,
    packed.source.title,
    packed.source.language ?? null,
    packed.source.publishedAt ?? null,
    stats,
    packed.ints.length,
    packed.scores.length,
  ]);
  const ints = concat(
    Int32Array,
    lists.lists.map((list) => list.packed.ints),
  );
  const floats = concat(
    Float64Array,
    lists.lists.map((list) => list.packed.scores),
  );
  const sections = [
    Buffer.from(JSON.stringify(lists.strings)),
    Buffer.from(JSON.stringify(meta)),
    Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength),
    Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength),
  ];
  const body = Buffer.concat(sections);
  const header = {
    magic: MAGIC,
    version: LISTS_SNAPSHOT_VERSION,
    generation: lists.generation,
    background: lists.background,
    lists: meta.length,
    sections: sections.map((section) => section.length),
    sha256: sha256(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

function decode(
  header: { generation: number; background: SavedLists['background'] },
  body: Buffer,
  sizes: readonly number[],
): SavedLists {
  const [stringBytes = 0, metaBytes = 0, floatBytes = 0] = sizes;
  const strings = JSON.parse(body.subarray(0, stringBytes).toString('utf8')) as string[];
  const meta = JSON.parse(
    body.subarray(stringBytes, stringBytes + metaBytes).toString('utf8'),
  ) as ListMeta[];
  // Copied out of the file buffer: typed arrays need aligned offsets.
  const at = stringBytes + metaBytes;
  const floats = new Float64Array(Uint8Array.from(body.subarray(at, at + floatBytes)).buffer);
  const ints = new Int32Array(Uint8Array.from(body.subarray(at + floatBytes)).buffer);
  let intAt = 0;
  let floatAt = 0;
  const lists = meta.map(([id, title, language, publishedAt, stats, intCount, floatCount]) => {
    const packed = {
      source: { id, title, language: language ?? undefined, publishedAt: publishedAt ?? undefined },
      ints: ints.slice(intAt, intAt + intCount),
      scores: floats.slice(floatAt, floatAt + floatCount),
    };
    intAt += intCount;
    floatAt += floatCount;
    return { id, packed, stats };
  });
  return { generation: header.generation, background: header.background, strings, lists };
}

function concat<T extends Int32Array | Float64Array>(
  Kind: { new (length: number): T },
  parts: readonly T[],
): T {
  const all = new Kind(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
