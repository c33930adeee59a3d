/**
 * Opening the vector index at start: load the snapshot, check it against the store (model,
 * dimensions, generation, count), catch it up with the store's change log when it is merely
 * behind, and otherwise rebuild it from the stored vectors (never re-embedding). Every decision
 * is logged with its reason; a new, empty data folder is simply that (`index: new, empty`), not a
 * rebuild. The store is the source of truth; the snapshot is a cache.
 */
import type { ArticleStore, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots, SnapshotMeta } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { applyChanges } from './catch-up.js';
import { pacer } from './pause.js';

export interface VectorOpenDeps {
  readonly store: ArticleStore;
  readonly snapshots: IndexSnapshots;
  /** One line per decision, e.g. `index: rebuilt 9866 vectors from the store because ...`. */
  readonly log: (message: string) => void;
}

/** An index and the store generation it reflects. */
export interface OpenedIndex {
  readonly index: VectorIndex;
  readonly generation: number;
  /** `new`: a data folder that never held an article (nothing to load or rebuild). */
  readonly source: 'snapshot' | 'rebuilt' | 'new';
  /** For a loaded snapshot: its full integrity check, to run in the background (see SnapshotLoad). */
  readonly verify?: () => Promise<string | undefined>;
  /** The swaps the loaded snapshot's process had counted (see SnapshotMeta.swaps). */
  readonly swaps?: number;
}

/** Loads the snapshot when it fits the store and `model`, else rebuilds from stored vectors. */
export async function openVectorIndex(
  deps: VectorOpenDeps,
  model: VectorModel,
): Promise<OpenedIndex> {
  const orphans = deps.snapshots.removeOrphans?.() ?? [];
  if (orphans.length > 0) {
    deps.log(`index: removed ${orphans.length} files of earlier or failed snapshot saves`);
  }
  const loaded = deps.snapshots.read ? await deps.snapshots.read() : deps.snapshots.load();
  const { store } = deps;
  if (!loaded.ok && (await store.count()) === 0 && (await store.generation()) === 0) {
    deps.log('index: new, empty');
    return { index: deps.snapshots.create(model.dimensions, 1024), generation: 0, source: 'new' };
  }
  if (!loaded.ok) {
    return rebuildVectorIndex(deps, model, loaded.reason);
  }
  const misfit = misfitReason(loaded.meta, model, await store.generation());
  if (misfit) {
    return rebuildVectorIndex(deps, model, misfit);
  }
  const reached = await applyChanges(store, { index: loaded.index }, loaded.meta.generation);
  if (reached === undefined) {
    const reason = 'the change log no longer reaches back to the snapshot';
    return rebuildVectorIndex(deps, model, reason);
  }
  const stored = await store.count();
  if (loaded.index.size() !== stored) {
    const reason = `the snapshot holds ${loaded.index.size()} vectors and the store ${stored}`;
    return rebuildVectorIndex(deps, model, reason);
  }
  const behind = reached.generation - loaded.meta.generation;
  deps.log(
    `index: loaded snapshot of ${loaded.meta.count} vectors (generation ${loaded.meta.generation})` +
      (behind > 0 ? `, caught up ${behind} later store writes` : ''),
  );
  const { index, verify } = loaded;
  const swaps = loaded.meta.swaps ?? 0;
  return { index, generation: reached.generation, source: 'snapshot', verify, swaps };
}

/** Builds a new index from every stored vector, pausing now and then; `reason` is logged. */
export async function rebuildVectorIndex(
  deps: VectorOpenDeps,
  model: VectorModel,
  reason: string,
): Promise<OpenedIndex> {
  const started = Date.now();
  const { store } = deps;
  const generation = await store.generation();
  const index = deps.snapshots.create(model.dimensions, Math.max(1024, await store.count()));
  const pace = pacer();
  for await (const { id, vector } of store.vectors()) {
    index.upsert(id, vector);
    await pace();
  }
  // Writes that landed while we read are in the change log: apply them too.
  const reached = (await applyChanges(store, { index }, generation))?.generation ?? generation;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  deps.log(
    `index: rebuilt ${index.size()} vectors from the store in ${seconds} s because ${reason}`,
  );
  return { index, generation: reached, source: 'rebuilt' };
}

function misfitReason(
  meta: SnapshotMeta,
  model: VectorModel,
  storeGeneration: number,
): string | undefined {
  if (meta.modelId !== model.modelId || meta.dimensions !== model.dimensions) {
    return `the snapshot was built with ${meta.modelId} (${meta.dimensions} dimensions), the store holds ${model.modelId} (${model.dimensions})`;
  }
  if (meta.generation > storeGeneration) {
    return `the snapshot (generation ${meta.generation}) is newer than the store (generation ${storeGeneration})`;
  }
  return undefined;
}
