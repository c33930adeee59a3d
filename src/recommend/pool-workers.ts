/**
 * The PoolWorkers role: ranked pools computed on other cores (worker threads, an adapter:
 * list-workers/) over exact copies of this process's indexes, for the background sweep of a
 * large backlog (every list after a big ingest or a statistics refresh). Copies are loaded from
 * snapshots saved at one store generation; a pool they computed is installed only while this
 * process's indexes and statistics are still the ones the copies were made from, so it is the
 * very pool this thread would have computed (see list-parallel.ts).
 */
import type { BackgroundState } from './background.js';
import type { RelatedPool } from './related-pool.js';

/** What a PoolWorkers adapter's `prepare` saved for the copies, and what they must match. */
export interface PreparedCopies {
  /** The store generation the saved snapshots reflect. */
  readonly generation: number;
  /** The lists' statistics identity (MaterialisedListsDeps.statistics). */
  readonly statistics: string;
  /** The related service's token and background (PooledRelated.statistics). */
  readonly token: string;
  readonly background: BackgroundState;
}

/** The indexes the workers were started on. */
export interface WorkersStarted {
  /** The store generation the copied indexes reflect. */
  readonly generation: number;
  /** The statistics identity (MaterialisedListsDeps.statistics) they compute under. */
  readonly statistics: string;
}

/** A pool computed by a worker, or why it was left to this thread (e.g. a lexical-only source). */
export type WorkerPool = RelatedPool | { readonly handBack: string };

export interface PoolWorkers {
  /** Batches that may be in flight at once (a couple per worker thread). */
  readonly capacity: number;
  /**
   * Copies the indexes as they are now and starts the workers on them; undefined when they
   * could not start (the reason is logged).
   */
  start(): Promise<WorkersStarted | undefined>;
  /** The pools of `ids`, in order. */
  compute(ids: readonly string[]): Promise<WorkerPool[]>;
  /** Ends the workers (their memory is given back); `start` may be called again later. */
  stop(): void;
}
