/**
 * Opening the room at start: the vector index, the lexical index and the held articles, all at
 * one store generation (from snapshots when they fit, else rebuilt), and the lists snapshot read
 * once, with the change log since it held in memory so the lists catch up narrowly. While the
 * store holds another model's vectors (`reindex --full` is about to replace them) the indexes
 * open empty.
 */
import type { LexicalSnapshots } from '../lexical/lexical-snapshot.js';
import { createLexicalIndex, type MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ListsSnapshots, SavedLists } from '../recommend/materialised-lists.js';
import type { ArticleStore, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { applyChanges } from './catch-up.js';
import type { HeldArticlesState } from './held-articles.js';
import { openLexicalIndex } from './open-lexical.js';
import { openVectorIndex } from './open-vector.js';

export interface OpenDeps {
  readonly store: ArticleStore;
  readonly model: VectorModel;
  readonly snapshots: IndexSnapshots;
  readonly lexicalSnapshots?: LexicalSnapshots;
  readonly listsSnapshots?: ListsSnapshots;
  readonly held: HeldArticlesState;
  readonly log: (message: string) => void;
  readonly changingModel?: boolean;
}

export interface OpenedIndexes {
  readonly index: VectorIndex;
  readonly lexical: MemoryLexicalIndex;
  readonly generation: number;
  /** The vector snapshot's background integrity check (see SnapshotLoad). */
  readonly verify?: () => Promise<string | undefined>;
  /** The lists snapshot, read once here. */
  readonly lists?: ListsSnapshots;
  /** Swaps counted before (the loaded vector snapshot's; 0 for a new or rebuilt index). */
  readonly swaps: number;
}

/** Opens both indexes and the held articles at one generation. */
export async function openIndexes(deps: OpenDeps): Promise<OpenedIndexes> {
  const { store, model, held, log } = deps;
  if (deps.changingModel) {
    const generation = await store.generation();
    await held.load(store, generation);
    const index = deps.snapshots.create(model.dimensions, 1024);
    return { index, lexical: createLexicalIndex(), generation, swaps: 0 };
  }
  // The lists and held articles files (the largest) are read off this thread while this thread
  // loads the indexes.
  const listsRead = deps.listsSnapshots?.read?.();
  held.prefetch();
  const vector = await openVectorIndex(deps, model);
  const lexical = await openLexicalIndex({ store, snapshots: deps.lexicalSnapshots, log });
  // Each opened at the generation it read: bring both, and the held articles, to one (applying
  // a change again is harmless). A gap left here is found by the first catch-up (a rebuild).
  await held.load(store, vector.generation);
  const reached = await applyChanges(
    store,
    { index: vector.index, lexical, held },
    vector.generation,
  );
  const generation = reached?.generation ?? vector.generation;
  const lists = deps.listsSnapshots
    ? await listsFrom(deps.listsSnapshots, await listsRead, store, held)
    : undefined;
  return {
    index: vector.index,
    lexical,
    generation,
    swaps: vector.swaps ?? 0,
    ...(vector.verify ? { verify: vector.verify } : {}),
    ...(lists ? { lists } : {}),
  };
}

/**
 * The lists snapshot read now, with the change log since its generation held in memory (the
 * lists catch up from it as from any change).
 */
async function listsFrom(
  snapshots: ListsSnapshots,
  read: SavedLists | string | undefined,
  store: ArticleStore,
  held: HeldArticlesState,
): Promise<ListsSnapshots> {
  const loaded = read ?? snapshots.load();
  if (typeof loaded !== 'string' && loaded.generation < held.generation()) {
    const changes = await store.changesSince(loaded.generation);
    if (changes) {
      held.seed(loaded.generation, changes);
    }
  }
  return { load: (): SavedLists | string => loaded, save: (lists) => snapshots.save(lists) };
}
