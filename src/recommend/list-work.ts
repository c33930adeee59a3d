/**
 * The work queue of the materialised lists: which lists are stale (marked by a write) or missing
 * or computed under older statistics (the sweep), recomputing one when it is read, and working
 * through the rest in short slices between requests so reads are never held up for long.
 */
import { AppError } from '../errors.js';
import type { ListEntries, ListEntry } from './list-entries.js';
import type { MaterialisedListsDeps } from './materialised-lists.js';

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
  /** Recomputes the list of `id` now (shared with any recomputation already under way). */
  refresh(id: string): Promise<ListEntry>;
  /** The list of `id`: the materialised one unless it is stale or missing. */
  fresh(id: string): Promise<ListEntry>;
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
  /** Stale lists with the mark count when they were marked (a later mark keeps them stale). */
  const dirty = new Map<string, number>();
  /** Written articles whose new neighbours are marked once their own list is recomputed. */
  const pendingWrites = new Set<string>();
  const running = new Map<string, Promise<ListEntry>>();
  let marks = 0;
  let computed = 0;
  let sweep: string[] = [];
  let sweepAt = 0;
  let sweptStats = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
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
    const stats = deps.statistics();
    if (stats !== sweptStats) {
      sweptStats = stats;
      sweep = [...deps.ids()];
      sweepAt = 0;
    }
    while (sweepAt < sweep.length) {
      const id = sweep[sweepAt] as string;
      sweepAt += 1;
      if (entries.get(id)?.stats !== stats && deps.alive(id) && !running.has(id)) {
        return id;
      }
    }
    return undefined;
  };
  const step = async () => {
    timer = undefined;
    const until = performance.now() + sliceMs;
    while (!stopped && performance.now() < until) {
      const id = nextWork();
      if (id === undefined) {
        const settled = waiters;
        waiters = [];
        for (const resolve of settled) {
          resolve();
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
  const start = () => {
    if (!stopped && timer === undefined) {
      timer = setTimeout(() => void step(), 0);
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
      for (const near of entries.get(id)?.pool.near ?? []) {
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
    refresh,
    async fresh(id) {
      const entry = entries.get(id);
      return entry && !dirty.has(id) ? entry : refresh(id);
    },
    start,
    stop() {
      stopped = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    },
    busy: () => timer !== undefined || running.size > 0 || dirty.size > 0,
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
