/**
 * Roles around a persisted vector index: the index that can be saved, and the snapshot folder
 * that saves and loads it. `indexing/open-vector.ts` works against these interfaces only;
 * `index-snapshot.ts` implements them over `hnsw-index.ts`.
 */
import type { VectorIndex } from './vector-index.js';

/** What a snapshot says about itself: checked against the store before it is trusted. */
export interface SnapshotMeta {
  /** Store generation the snapshot reflects. */
  readonly generation: number;
  /** Live vectors in the snapshot. */
  readonly count: number;
  readonly modelId: string;
  readonly dimensions: number;
  /** ISO time of the save. */
  readonly savedAt: string;
  /**
   * Index swaps (rebuilds) the saving process had counted: a process that loads the snapshot
   * counts on from there, so the lists saved beside it (whose statistics name the count) stay
   * valid across a restart. Absent in older snapshots: 0.
   */
  readonly swaps?: number;
}

export type SnapshotLoad =
  | {
      readonly ok: true;
      readonly index: VectorIndex;
      readonly meta: SnapshotMeta;
      /**
       * The slow integrity check left out of `load` (full checksums), for the background: the
       * reason the files are damaged, or undefined when they are sound or no longer there.
       */
      readonly verify?: () => Promise<string | undefined>;
    }
  | { readonly ok: false; readonly reason: string };

export interface IndexSnapshots {
  /** The folder the snapshots live in, when they live in one (another thread may save there). */
  readonly folder?: string;
  /** A new empty index with room for about `capacity` vectors. */
  create(dimensions: number, capacity: number): VectorIndex;
  /** Reads the current snapshot; `ok: false` with the reason when it is missing or unreadable. */
  load(): SnapshotLoad;
  /** As `load`, reading the largest files off this thread where it can (absent: `load`). */
  read?(): Promise<SnapshotLoad>;
  /** The current snapshot's meta without loading it (cheap: for change detection). */
  readMeta(): SnapshotMeta | undefined;
  /**
   * Removes files no snapshot needs that saves which crashed or failed left behind (run at
   * start); returns their names.
   */
  removeOrphans?(): string[];
  /** Writes `index` as the new current snapshot, atomically. */
  save(
    index: VectorIndex,
    info: { generation: number; modelId: string; swaps?: number },
  ): SnapshotMeta;
}
