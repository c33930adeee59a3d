/**
 * The messages between the list workers' pool (thread-pool-workers.ts) and each worker thread
 * (pool-worker.ts).
 */
import type { BackgroundState } from '../recommend/background.js';
import type { WorkerPool } from '../recommend/pool-workers.js';
import type { SettingsOverrides } from '../recommend/settings.js';

/** What a worker is started with: where the copies are and what they must match. */
export interface PoolWorkerData {
  readonly dataDir: string;
  /** The PostgreSQL store's URL, when the store is one (else SQLite in `dataDir`). */
  readonly storeUrl?: string;
  readonly modelId: string;
  readonly dimensions: number;
  /** The store generation the saved snapshots reflect. */
  readonly generation: number;
  /** The main thread's statistics token (PooledRelated.statistics) the copies must give. */
  readonly token: string;
  readonly background: BackgroundState;
  readonly settings?: SettingsOverrides;
}

/** main -> worker: a batch of lists to compute, or the end. */
export type PoolWorkerRequest =
  | { readonly id: number; readonly ids: readonly string[] }
  | { readonly stop: true };

/** worker -> main */
export type PoolWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly reason: string }
  | { readonly type: 'pools'; readonly id: number; readonly pools: WorkerPool[] };
