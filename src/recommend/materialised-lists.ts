/**
 * Materialised related lists: every stored article's ranked pool kept ready, so a page view
 * applies its options to a pool instead of ranking the archive. Lists are computed in the
 * background (in short slices between requests) and refreshed narrowly: a write of article X
 * (by any process: the store's change log says what changed) marks stale X's own list, the
 * lists that depend on X (list-entries.ts) and the lists of X's nearest candidates before and
 * after the write (the lists X can enter: its neighbours, found from X's own pool); an
 * overrides change marks one list. A stale list is recomputed when it is read, so the next
 * answer reflects the write; a deleted article is filtered out of every pool at read time. When
 * the archive-wide statistics move (2% drift, or an index swap) every list is recomputed in the
 * background and served as it was meanwhile, as the contract's freshness rule allows.
 */
import type { BackgroundState } from './background.js';
import { createListEntries, type ListEntry } from './list-entries.js';
import type { WorkersWhen } from './list-parallel.js';
import { createListWork } from './list-work.js';
import type { PackedPool, StringTable } from './pool-codec.js';
import type { PoolWorkers } from './pool-workers.js';
import type { PooledRelated } from './related.js';
import type { HeldArticles, RelatedList, RelatedOptions, RelatedService } from './types.js';

/** One saved list: the article, its compact pool and the statistics it was computed under. */
export interface SavedList {
  readonly id: string;
  readonly packed: PackedPool;
  readonly stats: string;
}

/** What the lists snapshot holds (written beside the index snapshots). */
export interface SavedLists {
  /** The store generation every saved list reflects. */
  readonly generation: number;
  readonly background: BackgroundState;
  /** The interned strings the compact pools refer to. */
  readonly strings: StringTable;
  readonly lists: readonly SavedList[];
  /**
   * Checks the saved bytes after start-up (a loaded snapshot): the reason they are damaged, or
   * undefined. Damaged lists are then all recomputed.
   */
  readonly verify?: () => Promise<string | undefined>;
}

/** Where the lists are saved and loaded (an adapter: lists/lists-snapshot.ts). */
export interface ListsSnapshots {
  /** The saved lists, or the reason there are none usable. */
  load(): SavedLists | string;
  /**
   * As `load`, with the file read off this thread (absent: `load` is used): started first at
   * start-up, it is read while this thread loads the other indexes.
   */
  read?(): Promise<SavedLists | string>;
  save(lists: SavedLists): void;
}

export interface MaterialisedListsDeps {
  readonly related: PooledRelated;
  readonly store: Pick<HeldArticles, 'generation' | 'changesSince'>;
  /** Identity of the archive-wide statistics (and index) a list is computed under. */
  readonly statistics: () => string;
  /** Every stored article id (the background sweep's work). */
  readonly ids: () => Iterable<string>;
  /** False once an article is deleted. */
  readonly alive: (id: string) => boolean;
  readonly snapshots?: ListsSnapshots;
  readonly log?: (message: string) => void;
  /** Milliseconds of background work between yields to pending requests (default 4). */
  readonly sliceMs?: number;
  /**
   * While lists are being read (a read within this many milliseconds), background work takes one
   * slice per this many milliseconds (default 100, so about 4% of a core): a list marked stale by
   * a write is recomputed by its next read anyway, so reads do not wait behind lists nobody reads.
   */
  readonly readingGapMs?: number;
  /** Worker threads for a large sweep backlog (see list-parallel.ts); absent: this thread only. */
  readonly workers?: PoolWorkers;
  /** When the workers start (default: a backlog of 2,000 lists, no write for 3 s). */
  readonly workersWhen?: WorkersWhen;
}

/** Counters for metrics, the bench and tests. */
export interface ListsProgress {
  readonly lists: number;
  /** Pools computed since start (in the background or on a read of a stale list). */
  readonly computed: number;
  /** True while stale or missing lists remain. */
  readonly busy: boolean;
}

export interface MaterialisedLists extends RelatedService {
  /** The version of `id`'s list (catching up and recomputing it first when stale). */
  version(id: string): Promise<number>;
  /** Notes that the store may have changed (after a write by this process). */
  changed(): void;
  /**
   * Redraws the archive-wide statistics for the archive as it is now and marks every list stale
   * (see PooledRelated.settleStatistics): after a bulk load, lists reflect all of it.
   */
  settleStatistics(): void;
  /** Settles when no list is stale or missing. */
  idle(): Promise<void>;
  /**
   * The list of `id` computed live from the indexes and statistics, bypassing the pools: what
   * its materialised list must equal (checks and tests).
   */
  live(id: string, options?: RelatedOptions): Promise<RelatedList>;
  progress(): ListsProgress;
  /** The ids of every materialised list. */
  ids(): IterableIterator<string>;
  /** Writes the clean lists to the snapshot. */
  save(): void;
  /** Stops the background work. */
  stop(): void;
}

/**
 * Writes of more articles than this at once (a batch import) are reflected in other lists by the
 * background sweep once the writes pause, not at once (see ListWork.bulk).
 */
const IMMEDIATE_WRITES = 16;

/** Saved strings mapped per step after start (a few milliseconds). */
const WARM_STRINGS = 5_000;

/** Creates the lists, loading the snapshot when there is a usable one, and starts the sweep. */
export function createMaterialisedLists(deps: MaterialisedListsDeps): MaterialisedLists {
  const { related, store } = deps;
  const log = deps.log ?? (() => {});
  let known = store.generation();
  const loaded = deps.snapshots?.load();
  let saved: SavedLists | undefined;
  if (typeof loaded === 'string') {
    const empty = deps.ids()[Symbol.iterator]().next().done === true;
    log(empty ? 'lists: new, empty' : `lists: computing every list because ${loaded}`);
  } else if (loaded !== undefined && loaded.generation > known) {
    log('lists: computing every list because the lists snapshot is newer than the store');
  } else {
    saved = loaded;
  }
  const entries = createListEntries(saved?.strings);
  if (saved) {
    related.restoreStatistics(saved.background);
    for (const { id, packed, stats } of saved.lists) {
      entries.restore(id, packed, stats);
    }
    known = saved.generation;
    log(`lists: loaded ${saved.lists.length} lists (generation ${saved.generation})`);
  }
  const work = createListWork({ ...deps, entries });
  // The saved strings' lookup map is built a part at a time after start, so the first write
  // does not stop the server for it (about 160,000 strings at 100,000 lists).
  let warming: ReturnType<typeof setTimeout> | undefined;
  const warm = () => {
    warming = entries.warm(WARM_STRINGS) ? undefined : setTimeout(warm, 1);
  };
  warm();
  saved?.verify?.().then((damage) => {
    if (damage) {
      log(`lists: ${damage}; computing every list again`);
      work.markAll();
      work.start();
    }
  }, log);

  let catching: Promise<void> | undefined;
  const catchUp = (): Promise<void> | undefined => {
    if (catching || store.generation() === known) {
      return catching;
    }
    catching = applyChanges().finally(() => {
      catching = undefined;
    });
    return catching;
  };
  const applyChanges = async () => {
    const changes = store.changesSince(known);
    if (!changes) {
      known = store.generation();
      work.markAll();
      return;
    }
    known = changes.generation;
    for (const id of changes.overrideIds ?? []) {
      work.mark(id);
    }
    if (changes.articleIds.length > IMMEDIATE_WRITES) {
      work.bulk(changes.articleIds);
    } else {
      const written = changes.articleIds.filter((id) => work.written(id));
      for (const id of written) {
        await work.refresh(id);
      }
    }
    work.start();
  };
  const fresh = async (id: string): Promise<ListEntry> => {
    await catchUp();
    return work.fresh(id);
  };
  work.start();

  return {
    async forArticle(id, options = {}) {
      const entry = await fresh(id);
      return related.fromPool(entries.pool(entry), options) ?? related.live(id, options);
    },
    forDraft: (draft, options) => related.forDraft(draft, options),
    version: async (id) => (await fresh(id)).version,
    settleStatistics() {
      related.settleStatistics();
      work.markAll();
    },
    changed() {
      catchUp()?.catch(log);
    },
    idle: () => work.idle(),
    live: (id, options) => related.live(id, options),
    progress: () => ({ lists: entries.size(), computed: work.computed(), busy: work.busy() }),
    ids: () => entries.ids(),
    save() {
      deps.snapshots?.save({
        generation: known,
        background: related.statistics().background,
        strings: entries.strings,
        lists: work.clean().map(([id, { packed, stats }]) => ({ id, packed, stats })),
      });
    },
    stop() {
      clearTimeout(warming);
      work.stop();
    },
  };
}
