/**
 * The background sweep of the materialised lists: every stored article in turn, computing the
 * lists that are missing, were computed under older archive-wide statistics, or were installed
 * before the last bulk write. It starts over whenever the statistics change, and waits while
 * writes keep coming in bulk (a batch import would otherwise make it recompute lists per batch).
 */
import type { ListEntries } from './list-entries.js';

/** What `next` answers while the sweep waits for bulk writes to pause. */
export const PAUSED = '\u0000paused';
/** How long after a bulk write the sweep waits for the next one. */
const BULK_PAUSE_MS = 300;

export interface SweepDeps {
  readonly entries: ListEntries;
  readonly statistics: () => string;
  readonly ids: () => Iterable<string>;
  readonly alive: (id: string) => boolean;
  /** True while the list of `id` is being computed. */
  readonly running: (id: string) => boolean;
}

export interface Sweep {
  /** The next list to compute, PAUSED, or undefined when every list is current. */
  next(): string | undefined;
  /** When a paused sweep goes on (performance.now() time). */
  resumesAt(): number;
  /** Every list installed until now is swept again, once writes have paused. */
  afterBulk(): void;
  /** Goes over every list again (lists handed out and dropped are picked up). */
  again(): void;
  /** Lists the sweep has still to look at (an upper bound on what it will compute). */
  backlog(): number;
}

/** Creates the sweep over `deps.entries`. */
export function createSweep(deps: SweepDeps): Sweep {
  const { entries } = deps;
  let order: string[] = [];
  let at = 0;
  let sweptStats = '';
  /** Lists installed before this version are swept again (a bulk write came after them). */
  let floor = 0;
  let pausedUntil = 0;
  const restart = () => {
    order = [...deps.ids()];
    at = 0;
  };
  return {
    next() {
      if (performance.now() < pausedUntil) {
        return PAUSED;
      }
      const stats = deps.statistics();
      if (stats !== sweptStats) {
        sweptStats = stats;
        restart();
      }
      while (at < order.length) {
        const id = order[at] as string;
        at += 1;
        const entry = entries.get(id);
        const stale = entry === undefined || entry.stats !== stats || entry.installed < floor;
        if (stale && deps.alive(id) && !deps.running(id)) {
          return id;
        }
      }
      return undefined;
    },
    resumesAt: () => pausedUntil,
    afterBulk() {
      floor = entries.latest() + 1;
      restart();
      pausedUntil = performance.now() + BULK_PAUSE_MS;
    },
    again: restart,
    backlog: () => order.length - at,
  };
}
