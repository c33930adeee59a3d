/**
 * The indexing room: the vector index, the lexical index, the held articles and the materialised
 * lists kept as one unit in step with the store. It opens them (from snapshots, caught up, or
 * rebuilt), catches them up from the change log when the store says it moved (any writer) and
 * after every write of this process (`ingest` goes through it; nothing else writes an index),
 * rebuilds and swaps them (counting swaps: part of the lists' cache version), runs the snapshot's
 * background check, and saves the snapshots. `services.ts` only constructs it.
 */
import type { Embedder, EmbeddingInput } from '../embedding/embedder.js';
import { AppError } from '../errors.js';
import type { ArticleTerms } from '../lexical/analyze.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { LexicalSnapshots } from '../lexical/lexical-snapshot.js';
import { createIngest } from '../recommend/ingest.js';
import type { WorkersWhen } from '../recommend/list-parallel.js';
import {
  createMaterialisedLists,
  type ListsSnapshots,
  type MaterialisedLists,
} from '../recommend/materialised-lists.js';
import type { PoolWorkers, PreparedCopies } from '../recommend/pool-workers.js';
import { createRelated } from '../recommend/related.js';
import type { HeldArticles, IngestService } from '../recommend/types.js';
import type { ArticleStore, LocalReads, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { createModelFollower, type FollowDeps } from './follow-model.js';
import { createHeldArticles } from './held-articles.js';
import type { HeldSnapshots } from './held-snapshot.js';

/** The held articles' snapshot file, for the services to place in the index folder. */
export { createHeldSnapshots, HELD_SNAPSHOT_FILE, type HeldSnapshots } from './held-snapshot.js';
/** The held articles, for a list worker that reads the store as this room does. */
export { createHeldArticles };

import { createKeeper } from './keeper.js';
import { openIndexes } from './open-indexes.js';
import { rebuiltOnSwap } from './rebuilt-on-swap.js';

export interface IndexingDeps {
  /**
   * The store, with its synchronous reads when it lives on this machine (see LocalReads): then
   * articles are read in place; without them (a database server), they are held in memory.
   */
  readonly store: ArticleStore & { readonly local?: LocalReads };
  readonly model: VectorModel;
  readonly embedder: Embedder;
  /** Lexical terms and language of an embedding input (ingest). */
  readonly analyze: (input: EmbeddingInput) => ArticleTerms;
  readonly snapshots: IndexSnapshots;
  readonly lexicalSnapshots?: LexicalSnapshots;
  readonly listsSnapshots?: ListsSnapshots;
  /** The held articles' snapshot (used only when articles are held: a store without `local`). */
  readonly heldSnapshots?: HeldSnapshots;
  /** Whether the model knows a language (see RelatedDeps.modelCovers). */
  readonly modelCovers?: (language: string) => boolean;
  readonly log: (message: string) => void;
  /**
   * The store holds another model's vectors, to be replaced (`reindex --full`): open empty
   * indexes and save no snapshot.
   */
  readonly changingModel?: boolean;
  /** Worker threads for a large backlog of lists, over the copies `prepare` saves. */
  readonly listWorkers?: (prepare: () => Promise<PreparedCopies>) => PoolWorkers;
  /** When the list workers start (see list-parallel.ts). */
  readonly listWorkersWhen?: WorkersWhen;
  /**
   * Follow the store when another process moves its vectors to another model: `embedder` (the
   * room's embedder too) switches to what `load` gives (see follow-model.ts). Without it the
   * room answers MODEL_MISMATCH from a catch-up that finds another model's vectors.
   */
  readonly follow?: Omit<FollowDeps, 'log'>;
}

/** The model the room's indexes hold, and why the store's model is not followed, if it is not. */
export interface ModelState extends VectorModel {
  readonly problem?: string;
}

export interface Indexing {
  /** The current vector index, from memory. */
  readonly index: VectorIndex;
  /** The current lexical index, from memory. */
  readonly lexical: LexicalIndex;
  /** Stored articles and overrides as the related path reads them, from memory. */
  readonly articles: HeldArticles;
  /** The related lists (materialised; drafts ranked live). */
  readonly lists: MaterialisedLists;
  /** Stores articles and applies them to the indexes before it resolves. */
  readonly ingest: IngestService;
  /** After a write of this process (overrides): resolves once the room reflects it. */
  written(): Promise<void>;
  /** Applies every store write not yet applied (by any writer). */
  catchUp(): Promise<void>;
  /** The store generation the room reflects. */
  generation(): number;
  /** The model of the indexed vectors (it follows the store's; see ModelState). */
  model(): ModelState;
  /** Throws MODEL_MISMATCH while the store holds a model this process cannot load. */
  writable(): void;
  /** How many times the indexes were swapped (a rebuild of any cause). */
  swaps(): number;
  /** Builds a new vector index from the store and swaps it in (lists follow). */
  rebuild(reason: string): Promise<void>;
  /**
   * Redraws the archive-wide statistics for the archive as it is now (see
   * PooledRelated.settleStatistics): what `eval` does after loading its corpus, so its figures do
   * not depend on when, during the load, lists happened to be computed.
   */
  settleStatistics(): void;
  /** Saves the vector, lexical and lists snapshots at the generation reached. */
  save(): Promise<void>;
  /** Stops following the store and the background work; saves unless the model is changing. */
  close(): Promise<void>;
}

/** Opens the room over `deps.store` (yielding to the event loop while it rebuilds). */
export async function openIndexing(deps: IndexingDeps): Promise<Indexing> {
  const { store, log } = deps;
  const held = createHeldArticles(deps.store.local, {
    ...(deps.heldSnapshots ? { snapshots: deps.heldSnapshots } : {}),
    log,
  });
  const follower = deps.follow ? createModelFollower({ ...deps.follow, log }) : undefined;
  const opened = await openIndexes({ ...deps, held });
  let lists: MaterialisedLists | undefined;
  const keeper = createKeeper(
    { ...deps, held, moved: () => lists?.changed(), ...(follower ? { follower } : {}) },
    opened,
  );
  const { index, lexical } = keeper;
  // After any swap the related service is made anew and every list recomputed under the new
  // index, so nothing derived from the old one (the score background, pools) outlives it.
  const related = rebuiltOnSwap(
    () =>
      createRelated({
        store: held,
        index,
        embedder: deps.embedder,
        lexical,
        ...(deps.modelCovers ? { modelCovers: deps.modelCovers } : {}),
      }),
    keeper.swaps,
  );
  const statistics = () => `${related.statistics().token}/${keeper.swaps()}`;
  /** Saves the vector and lexical snapshots; the generation they reflect. */
  const saveIndexes = () =>
    keeper.exclusive(async (current) => {
      const { generation } = current;
      const { modelId } = keeper.model();
      deps.snapshots.save(current.index, { generation, modelId, swaps: keeper.swaps() });
      // Saved with the vector snapshot, at the generation both indexes reflect; skipped when the
      // counts disagree (the older lexical snapshot then catches up or is rebuilt at start).
      // A store that cannot be reached (a database down at close) cannot confirm the count.
      const stored = await store.count().catch(() => undefined);
      if (current.lexical.size() === stored) {
        deps.lexicalSnapshots?.save(current.lexical, generation);
      }
      await held.save();
      return generation;
    });
  // The copies list workers load: the snapshots saved now, and the statistics to match.
  const prepare = async (): Promise<PreparedCopies> => {
    const generation = await saveIndexes();
    const { token, background } = related.statistics();
    return { generation, statistics: statistics(), token, background };
  };
  const workers = deps.changingModel ? undefined : deps.listWorkers?.(prepare);
  const materialised = createMaterialisedLists({
    related,
    store: held,
    statistics,
    ids: () => indexedIds(index),
    alive: (id) => index.has(id),
    snapshots: opened.lists,
    log,
    ...(workers ? { workers } : {}),
    ...(deps.listWorkersWhen ? { workersWhen: deps.listWorkersWhen } : {}),
  });
  lists = materialised;
  const stopFollowing = store.onChange(() => {
    keeper.catchUp().catch((error: unknown) => log(`index: catching up failed: ${String(error)}`));
  });
  let closed = false;
  // The snapshot's checksums are checked after start-up; damaged files mean a rebuild.
  opened.verify?.().then(async (damage) => {
    if (damage && !closed) {
      log(`index: ${damage}; rebuilding from the store`);
      await keeper.rebuild(damage);
    }
  }, log);
  const save = async () => {
    await saveIndexes();
    materialised.save();
  };
  return {
    index,
    lexical,
    articles: held,
    lists: materialised,
    ingest: createIngest({
      store,
      embedder: deps.embedder,
      analyze: deps.analyze,
      indexed: (written, generation) => keeper.written(written, generation),
    }),
    written: () => keeper.written(),
    catchUp: keeper.catchUp,
    generation: keeper.generation,
    model: () => {
      const problem = follower?.problem();
      return { ...keeper.model(), ...(problem ? { problem } : {}) };
    },
    writable: () => {
      const problem = follower?.problem();
      if (problem) {
        throw new AppError('MODEL_MISMATCH', problem);
      }
    },
    swaps: keeper.swaps,
    rebuild: keeper.rebuild,
    settleStatistics: () => materialised.settleStatistics(),
    save,
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      stopFollowing();
      materialised.stop();
      // With the store unreachable (a database down) the snapshots are saved as this server's
      // model's: they name it, so a start under another model rebuilds rather than mixes.
      const stored = await store.vectorModel().catch((error: unknown) => {
        log(`index: the store's model could not be read at close (${String(error)})`);
        return keeper.model();
      });
      if (!deps.changingModel && stored?.modelId === keeper.model().modelId) {
        await save();
      }
    },
  };
}

/** Every indexed article id. */
function* indexedIds(index: VectorIndex): Generator<string> {
  for (const entry of index.vectors()) {
    yield entry.id;
  }
}
