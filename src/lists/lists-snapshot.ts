/**
 * The lists snapshot (`<dataDir>/index/lists.snapshot`): every clean materialised list, saved
 * beside the index snapshots so a restarted server (or a second one on a copy of the data
 * folder) answers every list without computing it. One header line (format, store generation,
 * background, SHA-256 of the rest) and one JSON array of compact pools (tuples, not objects: a
 * third of the size). Written atomically; a missing, torn, corrupt or other-version file is a
 * reason to compute the lists again, never a crash. The store stays the source of truth.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.js';
import type { ListsSnapshots, SavedLists } from '../recommend/materialised-lists.js';
import type { PoolItem, RelatedPool } from '../recommend/related-pool.js';
import { writeFileAtomic } from '../vector-index/atomic-file.js';

/** Bumped whenever the layout or the meaning of a field changes. */
export const LISTS_SNAPSHOT_VERSION = 1;
/** The snapshot's file name inside the index folder. */
export const LISTS_SNAPSHOT_FILE = 'lists.snapshot';
const MAGIC = 'morelike-lists';

type ItemTuple = [string, number, number, number, string[]];
type PoolTuple = [
  string,
  string,
  string | null,
  string | null,
  ItemTuple[],
  ItemTuple[],
  boolean,
  string[],
  string[],
  string,
];

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return `there is no readable lists snapshot at ${file}`;
  }
  const newline = text.indexOf('\n');
  try {
    const header = JSON.parse(text.slice(0, Math.max(0, newline)));
    if (header?.magic !== MAGIC || header.version !== LISTS_SNAPSHOT_VERSION) {
      return `the lists snapshot is of another format (version ${String(header?.version)})`;
    }
    const body = text.slice(newline + 1);
    if (sha256(body) !== header.sha256) {
      return 'the lists snapshot is corrupt or torn (checksum differs)';
    }
    const pools = JSON.parse(body) as PoolTuple[];
    return {
      generation: header.generation,
      background: header.background,
      entries: pools.map((tuple) => [tuple[0], fromTuple(tuple), tuple[9]] as const),
    };
  } catch (error) {
    return `the lists snapshot is unusable (${error instanceof Error ? error.message : error})`;
  }
}

function encode(lists: SavedLists): string {
  const body = JSON.stringify(lists.entries.map(([, pool, stats]) => toTuple(pool, stats)));
  const header = {
    magic: MAGIC,
    version: LISTS_SNAPSHOT_VERSION,
    generation: lists.generation,
    background: lists.background,
    lists: lists.entries.length,
    sha256: sha256(body),
  };
  return `${JSON.stringify(header)}\n${body}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const itemTuple = (item: PoolItem): ItemTuple => [
  item.id,
  item.score,
  item.cosine,
  item.lexical,
  [...item.reasons],
];
const itemOf = ([id, score, cosine, lexical, reasons]: ItemTuple): PoolItem => ({
  id,
  score,
  cosine,
  lexical,
  reasons,
});

function toTuple(pool: RelatedPool, stats: string): PoolTuple {
  const { source } = pool;
  return [
    source.id,
    source.title,
    source.language ?? null,
    source.publishedAt ?? null,
    pool.pinned.map(itemTuple),
    pool.items.map(itemTuple),
    pool.capped,
    [...pool.feedback],
    [...pool.near],
    stats,
  ];
}

function fromTuple(tuple: PoolTuple): RelatedPool {
  const [id, title, language, publishedAt, pinned, items, capped, feedback, near] = tuple;
  return {
    source: { id, title, language: language ?? undefined, publishedAt: publishedAt ?? undefined },
    pinned: pinned.map(itemOf),
    items: items.map(itemOf),
    capped,
    feedback,
    near,
  };
}
