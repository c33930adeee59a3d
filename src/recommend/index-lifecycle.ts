/**
 * Opening the vector index at start: load the snapshot, check it against the store (model,
 * dimensions, generation, count), catch it up with the store's change log when it is merely
 * behind, and otherwise rebuild it from the stored vectors (never re-embedding). Every decision
 * is logged with its reason; a new, empty data folder is simply that (`index: new, empty`), not a
 * rebuild. The store is the source of truth; the snapshot is a cache.
 */
import type { LexicalIndex } from '../lexical/lexical-index.js';
import { runSteps, type Steps } from '../steps.js';
import type { ArticleStore, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots, SnapshotMeta } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';

/** Vectors inserted between two yields of a rebuild. */
const STEP = 64;

export interface IndexLifecycleDeps {
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
}

/** Loads the snapshot when it fits the store and `model`, else rebuilds from stored vectors. */
export function openIndex(deps: IndexLifecycleDeps, model: VectorModel): OpenedIndex {
  return runSteps(openIndexSteps(deps, model));
}

/** `openIndex` as steps that yield during a rebuild (see steps.ts). */
export function* openIndexSteps(deps: IndexLifecycleDeps, model: VectorModel): Steps<OpenedIndex> {
  const orphans = deps.snapshots.removeOrphans?.() ?? [];
  if (orphans.length > 0) {
    deps.log(`index: removed ${orphans.length} files that failed saves left behind`);
  }
  const loaded = deps.snapshots.load();
  if (!loaded.ok && deps.store.count() === 0 && deps.store.generation() === 0) {
    deps.log('index: new, empty');
    return { index: deps.snapshots.create(model.dimensions, 1024), generation: 0, source: 'new' };
  }
  if (!loaded.ok) {
    return yield* rebuildSteps(deps, model, loaded.reason);
  }
  const misfit = misfitReason(loaded.meta, model, deps.store.generation());
  if (misfit) {
    return yield* rebuildSteps(deps, model, misfit);
  }
  const reached = applyChanges(deps.store, loaded.index, undefined, loaded.meta.generation);
  if (reached === undefined) {
    return yield* rebuildSteps(
      deps,
      model,
      'the change log no longer reaches back to the snapshot',
    );
  }
  const stored = deps.store.count();
  if (loaded.index.size() !== stored) {
    const reason = `the snapshot holds ${loaded.index.size()} vectors and the store ${stored}`;
    return yield* rebuildSteps(deps, model, reason);
  }
  const behind = reached - loaded.meta.generation;
  deps.log(
    `index: loaded snapshot of ${loaded.meta.count} vectors (generation ${loaded.meta.generation})` +
      (behind > 0 ? `, caught up ${behind} later store writes` : ''),
  );
  return { index: loaded.index, generation: reached, source: 'snapshot', verify: loaded.verify };
}

/** Builds a new index from every stored vector; `reason` is logged. */
export function rebuildIndex(
  deps: IndexLifecycleDeps,
  model: VectorModel,
  reason: string,
): OpenedIndex {
  return runSteps(rebuildSteps(deps, model, reason));
}

function* rebuildSteps(
  deps: IndexLifecycleDeps,
  model: VectorModel,
  reason: string,
): Steps<OpenedIndex> {
  const started = Date.now();
  const generation = deps.store.generation();
  const index = deps.snapshots.create(model.dimensions, Math.max(1024, deps.store.count()));
  let inserted = 0;
  for (const { id, vector } of deps.store.vectors()) {
    index.upsert(id, vector);
    inserted += 1;
    if (inserted % STEP === 0) {
      yield;
    }
  }
  // Writes that landed while we read are in the change log: apply them too.
  const reached = applyChanges(deps.store, index, undefined, generation) ?? generation;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  deps.log(
    `index: rebuilt ${index.size()} vectors from the store in ${seconds} s because ${reason}`,
  );
  return { index, generation: reached, source: 'rebuilt' };
}

/**
 * Applies store writes after `since` to the indexes (upsert from the stored vector and terms, or
 * remove when the article is gone). Returns the generation reached, or undefined when the change
 * log no longer reaches back to `since` (the caller rebuilds).
 */
export function applyChanges(
  store: ArticleStore,
  index: VectorIndex,
  lexical: LexicalIndex | undefined,
  since: number,
): number | undefined {
  const changes = store.changesSince(since);
  if (!changes) {
    return undefined;
  }
  for (const id of changes.articleIds) {
    const vector = store.getVector(id);
    if (vector) {
      index.upsert(id, vector);
      lexical?.upsert(id, store.getTerms(id) ?? {});
    } else {
      index.remove(id);
      lexical?.remove(id);
    }
  }
  return changes.generation;
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
