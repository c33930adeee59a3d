/**
 * IndexKeeper: keeps the in-memory vector and lexical indexes in step with the store, which
 * another process (the CLI, a server) may write too. Before every read the facades compare the
 * store generation (one indexed read) with the generation the indexes reflect and apply the
 * logged changes from the stored vectors and terms. It can also rebuild from the store and swap
 * the new index in at once, and save a snapshot for the next start.
 */
import { AppError } from '../errors.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { ArticleRecord, VectorModel } from '../store/article-store.js';
import type { SnapshotMeta } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import {
  applyChanges,
  type IndexLifecycleDeps,
  type OpenedIndex,
  rebuildIndex,
} from './index-lifecycle.js';

export interface IndexKeeperDeps extends IndexLifecycleDeps {
  readonly lexical: LexicalIndex;
  /**
   * A new lexical index built from the store, for when the change log no longer reaches back to
   * the loaded one (both indexes are then rebuilt, never one alone).
   */
  readonly buildLexical: () => LexicalIndex;
  readonly model: VectorModel;
}

export interface IndexKeeper {
  /** The vector index: reads catch up with the store first; always the current (swapped) index. */
  readonly index: VectorIndex;
  /** The lexical index: reads catch up with the store first. */
  readonly lexical: LexicalIndex;
  /**
   * Applies store writes made since the last call (by anyone); cheap when there are none. With
   * `written` (the records of the one write just made), when that write is the only one since
   * the last call, they are applied as they are instead of being read back from the store.
   */
  sync(written?: readonly ArticleRecord[]): void;
  /** The store generation the indexes reflect. */
  generation(): number;
  /** Builds a new vector index from the store and swaps it in atomically. */
  rebuild(reason: string): void;
  /** How many times the vector index was swapped (any rebuild, including a change-log gap). */
  swaps(): number;
  /** Writes the current index as the snapshot. */
  save(): SnapshotMeta;
}

/** Keeps `opened` (and `deps.lexical`, loaded by the caller at the same generation) in step. */
export function createIndexKeeper(deps: IndexKeeperDeps, opened: OpenedIndex): IndexKeeper {
  let current = opened.index;
  let known = opened.generation;
  let inner = deps.lexical;
  let swaps = 0;

  const rebuild = (reason: string) => {
    const next = rebuildIndex(deps, deps.model, reason);
    current = next.index;
    known = next.generation;
    swaps += 1;
  };

  const sync = (written?: readonly ArticleRecord[]) => {
    const generation = deps.store.generation();
    if (generation === known) {
      return;
    }
    if (written !== undefined && written.length > 0 && generation === known + 1) {
      for (const { article, vector, terms } of written) {
        current.upsert(article.id, vector);
        inner.upsert(article.id, terms);
      }
      known = generation;
      return;
    }
    const model = deps.store.vectorModel();
    if (
      model &&
      (model.modelId !== deps.model.modelId || model.dimensions !== deps.model.dimensions)
    ) {
      throw new AppError(
        'MODEL_MISMATCH',
        `The store now holds vectors of ${model.modelId}; restart with MORELIKE_MODEL=${model.modelId}`,
      );
    }
    const reached = applyChanges(deps.store, current, inner, known);
    if (reached === undefined) {
      rebuild('the change log no longer reaches back to the loaded index');
      inner = deps.buildLexical();
    } else {
      known = reached;
    }
  };

  // One catch-up per synchronous run of reads: a related list makes a dozen index reads in one
  // go, and another process's write can only be seen between runs anyway.
  let caughtUp = false;
  const settle = () => {
    caughtUp = false;
  };
  /** Runs a read after catching up with the store (once per synchronous run of reads). */
  const fresh = <T>(read: () => T): T => {
    if (!caughtUp) {
      sync();
      caughtUp = true;
      queueMicrotask(settle);
    }
    return read();
  };
  const index: VectorIndex = {
    dimensions: deps.model.dimensions,
    size: () => fresh(() => current.size()),
    has: (id) => fresh(() => current.has(id)),
    vector: (id) => fresh(() => current.vector(id)),
    vectors: () => fresh(() => current.vectors()),
    upsert: (id, vector) => current.upsert(id, vector),
    remove: (id) => current.remove(id),
    search: (vector, k, accept) => fresh(() => current.search(vector, k, accept)),
  };
  const lexical: LexicalIndex = {
    upsert: (id, terms) => inner.upsert(id, terms),
    remove: (id) => inner.remove(id),
    size: () => fresh(() => inner.size()),
    statistics: () => fresh(() => inner.statistics()),
    match: (source, candidateId) => fresh(() => inner.match(source, candidateId)),
    between: (a, b) => fresh(() => inner.between(a, b)),
    query: (source) => fresh(() => inner.query(source)),
  };

  return {
    index,
    lexical,
    sync,
    generation: () => known,
    rebuild,
    swaps: () => swaps,
    save() {
      sync();
      return deps.snapshots.save(current, { generation: known, modelId: deps.model.modelId });
    },
  };
}
