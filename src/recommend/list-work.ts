/**
 * The work queue of the materialised lists: which lists are stale (marked by a write) or missing
 * or computed under older statistics (the sweep), recomputing one when it is read, and working
 * through the rest in short slices between requests so reads are never held up for long.
 */
import { AppError } from '../errors.js';
import type { ListEntries, ListEntry } from './list-entries.js';
import { createParallelSweep } from './list-parallel.js';
import { createSweep, PAUSED } from './list-sweep.js';
import type { MaterialisedListsDeps } from './materialised-lists.js';
import { later } from './slice-timer.js';

export interface ListWork {
  /** Marks the list of `id` stale. */
  mark(id: string): void;
  /** Marks every list stale (the change log no longer reaches back). */
  markAll(): void;
  /**
   * Handles a write of article `id`: marks its dependents and its old neighbours' lists; true
   * when it still exists (its own list is then stale, and its new neighbours' lists are marked
   * once it is recomputed), false when it was deleted (its list is dropped).
   */
  written(id: string): boolean;
  /**
   * Handles a bulk write (a batch import): every list computed before it is recomputed by the
   * background sweep, which waits until the writes pause; a written article's own list, and
   * the lists holding it, are stale at once.
   */
  bulk(ids: readonly string[]): void;
  /** Recomputes the list of `id` now (shared with any recomputation already under way). */
  refresh(id: string): Promise<ListEntry>;
  /** The list of `id`: the materialised one unless it is stale or missing. */
  fresh(id: string): Promise<ListEntry>;
  /** The materialised list of `id` when it is neither stale nor missing (a read, as `fresh`). */
  peek(id: string): ListEntry | undefined;
  /** Starts (or keeps) the background work going. */
  start(): void;
  stop(): void;
  busy(): boolean;
  idle(): Promise<void>;
  computed(): number;
  /** Every list that is not stale, for the snapshot. */
  clean(): Array<readonly [string, ListEntry]>;
}

type WorkDeps = MaterialisedListsDeps & { readonly entries: ListEntries };

/** Creates the queue over `deps.entries`. */
export function createListWork(deps: WorkDeps): ListWork {
  const { entries, related } = deps;
  const sliceMs = deps.sliceMs ?? 4;
  const readingGapMs = deps.readingGapMs ?? 100;
  /** Stale lists with the mark count when they were marked (a later mark keeps them stale). */
  const dirty = new Map<string, number>();
  /** Written articles whose new neighbours are marked once their own list is recomputed. */
  const pendingWrites = new Set<string>();
  const running = new Map<string, Promise<ListEntry>>();
  let marks = 0;
  let computed = 0;
  const sweep = createSweep({ ...deps, running: (id) => running.has(id) });
  /** Lists a worker left to this thread. */
  const handedBack: string[] = [];
  /** The next slice, when one is scheduled. */
  let timer: { cancel(): void } | undefined;
  let stopped = false;
  let lastRead = Number.NEGATIVE_INFINITY;
  let waiters: Array<() => void> = [];

  const mark = (id: string) => {
    marks += 1;
    dirty.set(id, marks);
    entries.touch(id);
  };
  const compute = async (id: string): Promise<ListEntry> => {
    const stamp = dirty.get(id);
    let pool: Awaited<ReturnType<typeof related.pool>>;
    try {
      pool = await related.pool(id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ARTICLE_NOT_FOUND') {
        entries.delete(id);
        dirty.delete(id);
      }
      throw error;
    }
    computed += 1;
    const entry = entries.set(id, pool, deps.statistics());
    if (dirty.get(id) === stamp) {
      dirty.delete(id);
    }
    if (pendingWrites.delete(id)) {
      for (const near of pool.near) {
        mark(near);
      }
    }
    return entry;
  };
  const refresh = (id: string): Promise<ListEntry> => {
    const under = running.get(id);
    if (under) {
      return under;
    }
    const started = compute(id).finally(() => running.delete(id));
    running.set(id, started);
    return started;
  };

  const nextWork = (): string | undefined => {
    for (const id of dirty.keys()) {
      if (!running.has(id)) {
        return id;
      }
    }
    return handedBack.pop() ?? sweep.next();
  };
  const parallel = deps.workers
    ? createParallelSweep({
        workers: deps.workers,
        sweep,
        when: deps.workersWhen,
        generation: () => deps.store.generation(),
        statistics: deps.statistics,
        install(id, pool, stats, sent) {
          const entry = entries.get(id);
          if (!dirty.has(id) && !running.has(id) && !(entry && entry.installed > sent)) {
            entries.set(id, pool, stats);
            computed += 1;
          }
        },
        latest: () => entries.latest(),
        handBack: (id) => handedBack.push(id),
        wake: () => start(),
        log: (message) => deps.log?.(message),
      })
    : undefined;
  const outstanding = () => parallel?.inFlight() ?? 0;
  const settle = () => {
    const settled = waiters;
    waiters = [];
    for (const resolve of settled) {
      resolve();
    }
  };
  const slice = async () => {
    const until = performance.now() + sliceMs;
    while (!stopped && performance.now() < until) {
      parallel?.pump();
      const id = nextWork();
      if (id === PAUSED) {
        timer = later(step, Math.max(1, sweep.resumesAt() - performance.now()));
        return;
      }
      if (id === undefined) {
        // Done unless batches are still out with the workers (their return wakes the work).
        if (outstanding() === 0) {
          settle();
        }
        return;
      }
      await refresh(id).catch((error: unknown) => {
        // Left as it was (a deleted article's list is dropped by compute()).
        dirty.delete(id);
        deps.log?.(`lists: could not compute the list of ${id}: ${String(error)}`);
      });
    }
    start();
  };
  /** One slice of background work; a failure of the store itself stops the work. */
  const step = () => {
    timer = undefined;
    slice().catch((error: unknown) => {
      stopped = true;
      settle();
      deps.log?.(`lists: background work stopped: ${String(error)}`);
    });
  };
  const start = () => {
    if (!stopped && timer === undefined) {
      const reading = performance.now() - lastRead < readingGapMs;
      timer = later(step, reading ? readingGapMs : 0);
    }
  };

  return {
    mark,
    markAll() {
      for (const id of [...entries.ids()]) {
        mark(id);
      }
    },
    written(id) {
      for (const dependent of entries.dependents(id)) {
        mark(dependent);
      }
      for (const near of entries.near(id)) {
        mark(near);
      }
      if (deps.alive(id)) {
        mark(id);
        pendingWrites.add(id);
        return true;
      }
      entries.delete(id);
      dirty.delete(id);
      pendingWrites.delete(id);
      return false;
    },
    bulk(ids) {
      for (const id of ids) {
        for (const dependent of entries.dependents(id)) {
          mark(dependent);
        }
        if (entries.get(id)) {
          mark(id);
        }
        if (!deps.alive(id)) {
          entries.delete(id);
          dirty.delete(id);
        }
      }
      sweep.afterBulk();
    },
    refresh,
    async fresh(id) {
      lastRead = performance.now();
      const entry = entries.get(id);
      return entry && !dirty.has(id) ? entry : refresh(id);
    },
    peek(id) {
      lastRead = performance.now();
      const entry = entries.get(id);
      return entry && !dirty.has(id) ? entry : undefined;
    },
    start,
    stop() {
      stopped = true;
      parallel?.stop();
      if (timer !== undefined) {
        timer.cancel();
      }
    },
    busy: () => timer !== undefined || running.size > 0 || dirty.size > 0 || outstanding() > 0,
    idle() {
      if (stopped) {
        return Promise.resolve();
      }
      start();
      return new Promise((resolve) => waiters.push(resolve));
    },
    computed: () => computed,
    clean: () =>
      [...entries.ids()]
        .filter((id) => !dirty.has(id))
        .map((id) => [id, entries.get(id) as ListEntry] as const),
  };
}
