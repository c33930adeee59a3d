/**
 * The background sweep on other cores: when the sweep has a large backlog (every list after a big
 * ingest or a statistics refresh), worker threads (PoolWorkers) are started on copies of the
 * indexes and fed batches of the sweep's lists while this thread keeps working through the rest
 * (and answers reads). A worker's pool is installed only while the store generation and the
 * statistics are still those the copies were made at: then it is exactly the pool this thread
 * would compute. A write meanwhile retires the workers (their answers are dropped and the sweep
 * goes over its lists again on this thread); they start again on new copies once writes pause.
 */
import { PAUSED, type Sweep } from './list-sweep.js';
import type { PoolWorkers, WorkerPool, WorkersStarted } from './pool-workers.js';
import type { RelatedPool } from './related-pool.js';

/** Lists sent to a worker at once: a few tens of milliseconds of work. */
const BATCH = 32;
/**
 * After workers were retired by a write or failed to start, the quiet they wait for doubles, up
 * to 2^MAX_DOUBLINGS times `quietMs`, until they finish a sweep: on a busy machine an import's
 * batches can come slower than `quietMs`, and every start copies the indexes.
 */
const MAX_DOUBLINGS = 3;
/** When workers are worth starting. */
export interface WorkersWhen {
  /** The sweep's backlog (lists still to look at) from which they start. */
  readonly backlog: number;
  /**
   * How long the store must have gone unchanged: copying the indexes blocks this thread for a
   * moment (a second or two at 100,000 articles), wasted when the next batch of an import
   * changes them again.
   */
  readonly quietMs: number;
}

const DEFAULT_WHEN: WorkersWhen = { backlog: 2000, quietMs: 3000 };

export interface ParallelDeps {
  readonly workers: PoolWorkers;
  readonly sweep: Sweep;
  readonly when?: WorkersWhen;
  readonly generation: () => number;
  readonly statistics: () => string;
  /**
   * Installs the pool a worker computed for `id` under `statistics`, unless this thread has
   * installed, marked or started the list since the batch was sent (when the list versions
   * stood at `sent`).
   */
  readonly install: (id: string, pool: RelatedPool, statistics: string, sent: number) => void;
  /** The latest list version (ListEntries.latest). */
  readonly latest: () => number;
  /** Leaves `id` to this thread. */
  readonly handBack: (id: string) => void;
  /** Called when a batch has come back (more work may be possible). */
  readonly wake: () => void;
  readonly log: (message: string) => void;
}

export interface ParallelSweep {
  /** Starts the workers when worthwhile and keeps them fed; called from every background slice. */
  pump(): void;
  /** Batches sent and not yet back (the sweep is not done while any is out). */
  inFlight(): number;
  stop(): void;
}

/** Creates the parallel half of the sweep (see the module comment). */
export function createParallelSweep(deps: ParallelDeps): ParallelSweep {
  const { workers, sweep } = deps;
  const when = deps.when ?? DEFAULT_WHEN;
  let state: 'off' | 'starting' | 'on' = 'off';
  let started: WorkersStarted | undefined;
  let failures = 0;
  const backOff = () => {
    failures = Math.min(failures + 1, MAX_DOUBLINGS);
  };
  let inFlight = 0;
  let stopped = false;
  /** Lists the current workers computed (logged when they end). */
  let installed = 0;
  let seenGeneration = deps.generation();
  let changedAt = performance.now();
  const quiet = () => {
    const generation = deps.generation();
    if (generation !== seenGeneration) {
      seenGeneration = generation;
      changedAt = performance.now();
    }
    return performance.now() - changedAt >= when.quietMs * 2 ** failures;
  };

  const current = () =>
    started !== undefined &&
    deps.generation() === started.generation &&
    deps.statistics() === started.statistics;
  const retire = (why: string) => {
    deps.log(`lists: worker threads stopped (${why})`);
    workers.stop();
    state = 'off';
    started = undefined;
    backOff();
    // The lists sent to the workers and not installed are left for this thread.
    sweep.again();
  };
  const start = () => {
    state = 'starting';
    workers.start().then(
      (value) => {
        started = value;
        installed = 0;
        state = value && !stopped ? 'on' : 'off';
        if (value && stopped) {
          workers.stop();
        }
        if (!value) {
          backOff();
        }
        deps.wake();
      },
      (error: unknown) => {
        state = 'off';
        backOff();
        deps.log(`lists: worker threads did not start: ${String(error)}`);
      },
    );
  };
  const settle = (ids: readonly string[], pools: readonly WorkerPool[], sent: number) => {
    if (!current()) {
      if (state === 'on') {
        retire('the store or its statistics changed');
      }
      return;
    }
    ids.forEach((id, i) => {
      const pool = pools[i];
      if (pool === undefined || 'handBack' in pool) {
        deps.handBack(id);
      } else {
        deps.install(id, pool, started?.statistics ?? '', sent);
        installed += 1;
      }
    });
  };
  const send = (ids: string[]) => {
    inFlight += 1;
    const sent = deps.latest();
    workers
      .compute(ids)
      .then(
        (pools) => settle(ids, pools, sent),
        (error: unknown) => {
          if (state === 'on') {
            retire(`a worker failed: ${String(error)}`);
          }
        },
      )
      .finally(() => {
        inFlight -= 1;
        deps.wake();
      });
  };
  const feed = () => {
    while (inFlight < workers.capacity) {
      const ids: string[] = [];
      for (let id = sweep.next(); id !== undefined && id !== PAUSED; id = sweep.next()) {
        ids.push(id);
        if (ids.length === BATCH) {
          break;
        }
      }
      if (ids.length === 0) {
        if (inFlight === 0) {
          // The sweep is done: the workers' memory is given back.
          deps.log(`lists: worker threads done, ${installed} lists computed there`);
          installed = 0;
          failures = 0;
          workers.stop();
          state = 'off';
          started = undefined;
        }
        return;
      }
      send(ids);
    }
  };

  return {
    pump() {
      if (stopped) {
        return;
      }
      if (state === 'on') {
        if (current()) {
          feed();
        } else {
          retire('the store or its statistics changed');
        }
      } else if (state === 'off' && sweep.backlog() >= when.backlog && quiet()) {
        start();
      }
    },
    inFlight: () => inFlight,
    stop() {
      stopped = true;
      if (state !== 'off') {
        workers.stop();
      }
      state = 'off';
    },
  };
}
