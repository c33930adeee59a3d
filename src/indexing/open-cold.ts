/**
 * A start with no vector snapshot on a store that holds articles (a new server on an existing
 * store, an emptied data folder): the vector index, the lexical index and the held articles are
 * built from one read of the store (build-from-store.ts), the vector index in a worker thread,
 * instead of one after the other with a read each. Every decision is logged with its reason.
 */
import type { MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import { buildFromStore } from './build-from-store.js';
import type { PackedArticles } from './held-snapshot.js';
import { type OpenedIndex, rebuildVectorIndex } from './open-vector.js';

export interface ColdDeps {
  readonly store: ArticleStore;
  readonly snapshots: IndexSnapshots;
  readonly holdArticles: boolean;
  readonly log: (message: string) => void;
  readonly vectorWorkerFrom?: number;
}

/** What a cold start built, all at `vector.generation` (or later writes). */
export interface ColdOpened {
  readonly vector: OpenedIndex;
  readonly lexical: MemoryLexicalIndex;
  readonly held?: PackedArticles;
}

/** Builds everything from the store when there is no vector snapshot; else undefined. */
export async function openCold(
  deps: ColdDeps,
  model: VectorModel,
): Promise<ColdOpened | undefined> {
  const { store, snapshots, log } = deps;
  if (snapshots.readMeta() !== undefined || (await store.count()) === 0) {
    return undefined;
  }
  const orphans = snapshots.removeOrphans?.() ?? [];
  if (orphans.length > 0) {
    log(`index: removed ${orphans.length} files of earlier or failed snapshot saves`);
  }
  const loaded = snapshots.load();
  if (loaded.ok) {
    return undefined; // saved meanwhile (by another process on this folder): open it as usual
  }
  const { reason } = loaded;
  const built = await buildFromStore({ ...deps, model });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const { scanned, vectors } = built.timings;
  const held = built.held ? ' and the held articles' : '';
  if (built.index) {
    const where = built.offThread ? 'in a worker thread, ' : '';
    log(
      `index: rebuilt ${built.index.size()} vectors from the store in ${seconds(vectors)} because ${reason} (${where}from the one read of the store that built the lexical index${held} in ${seconds(scanned)})`,
    );
  }
  const vector: OpenedIndex = built.index
    ? { index: built.index, generation: built.generation, source: 'rebuilt' }
    : {
        ...(await rebuildVectorIndex(deps, model, built.vectorProblem ?? reason)),
        generation: built.generation,
      };
  return { vector, lexical: built.lexical, ...(built.held ? { held: built.held } : {}) };
}
