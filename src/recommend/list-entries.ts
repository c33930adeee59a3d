/**
 * The materialised lists held in memory: each stored article's pool with the statistics it was
 * computed under and a version (a new one whenever the entry is replaced or marked stale), plus
 * the lists that depend on an article (hold it as an item or a pin, were fed back by it, or count
 * it among their nearest candidates), found by scanning one flat array of their ids
 * (dependency-arena.ts: a few milliseconds for 100,000 lists, and no reverse map to keep).
 */
import { createDependencyArena } from './dependency-arena.js';
import {
  createInterner,
  dependencyIds,
  dependencyRanges,
  type Interner,
  nearOf,
  type PackedPool,
  packPool,
  type StringTable,
  unpackPool,
} from './pool-codec.js';
import type { RelatedPool } from './related-pool.js';

/** One materialised list. */
export interface ListEntry {
  /** The pool in compact form (see pool-codec.ts; `ListEntries.pool` unpacks it). */
  readonly packed: PackedPool;
  /** The archive-wide statistics it was computed under (see MaterialisedLists). */
  readonly stats: string;
  /** Changes whenever the entry is replaced or marked stale (keys of rendered answers). */
  version: number;
  /** The version it was installed with: the order in which lists were computed. */
  readonly installed: number;
}

export interface ListEntries {
  get(id: string): ListEntry | undefined;
  /** The pool of `entry`. */
  pool(entry: ListEntry): RelatedPool;
  /** The near ids of the list of `id` (none when there is no list). */
  near(id: string): string[];
  /** Installs (or replaces) the pool of `id`. */
  set(id: string, pool: RelatedPool, stats: string): ListEntry;
  /** Installs a saved compact pool (its strings interned in `strings`, see `strings`). */
  restore(id: string, packed: PackedPool, stats: string): void;
  /** The interned strings the compact pools refer to (saved with them). */
  readonly strings: StringTable;
  /** Prepares `count` more saved strings for lookups (see Interner.warm); true when done. */
  warm(count: number): boolean;
  /** Forgets the list of `id` (a deleted article). */
  delete(id: string): void;
  /** The lists that depend on article `id`. */
  dependents(id: string): readonly string[];
  /** Gives the entry of `id` a new version (its rendered answers are then unreachable). */
  touch(id: string): void;
  size(): number;
  ids(): IterableIterator<string>;
  /** The latest version handed out (lists installed later have a greater `installed`). */
  latest(): number;
}

let versions = 0;

/** Creates the empty in-memory lists; `strings` are the interned strings of saved pools. */
export function createListEntries(strings?: StringTable): ListEntries {
  const interner: Interner = createInterner(strings);
  const entries = new Map<string, ListEntry>();
  const arena = createDependencyArena();
  const install = (id: string, packed: PackedPool, stats: string, saved = false) => {
    if (saved) {
      // A saved pool's ids stay where they are (the loaded snapshot's bytes): nothing copied.
      arena.keep(id, packed.ints, ...dependencyRanges(packed));
    } else {
      arena.set(id, ...dependencyIds(packed));
    }
    versions += 1;
    const entry: ListEntry = { packed, stats, version: versions, installed: versions };
    entries.set(id, entry);
    return entry;
  };

  return {
    get: (id) => entries.get(id),
    pool: (entry) => unpackPool(entry.packed, interner),
    near(id) {
      const entry = entries.get(id);
      return entry ? nearOf(entry.packed, interner) : [];
    },
    set: (id, pool, stats) => install(id, packPool(pool, interner), stats),
    restore(id, packed, stats) {
      install(id, packed, stats, true);
    },
    strings: interner.strings,
    warm: (count) => interner.warm(count),
    delete(id) {
      entries.delete(id);
      arena.delete(id);
    },
    dependents(id) {
      const n = interner.find(id);
      return n === undefined ? [] : arena.dependents(n);
    },
    touch(id) {
      const entry = entries.get(id);
      if (entry) {
        versions += 1;
        entry.version = versions;
      }
    },
    size: () => entries.size,
    ids: () => entries.keys(),
    latest: () => versions,
  };
}
