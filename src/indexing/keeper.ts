/**
 * The keeper: the current vector and lexical indexes and held articles, and the store generation
 * they reflect, moved forward one task at a time (a catch-up from the change log, a write of this
 * process applied as it is, a rebuild that swaps new indexes in, a snapshot save), so no two
 * interleave. Catch-ups are driven by the store's change notices and by writes of this process;
 * reads never wait on the store.
 */
import { AppError } from '../errors.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleRecord, ArticleStore, VectorModel } from '../store/article-store.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { applyChanges } from './catch-up.js';
import { lexicalFacade, vectorFacade } from './facades.js';
import type { ModelFollower } from './follow-model.js';
import type { HeldArticlesState } from './held-articles.js';
import { buildLexicalIndex } from './open-lexical.js';
import { rebuildVectorIndex } from './open-vector.js';

export interface KeeperDeps {
  readonly store: ArticleStore;
  readonly snapshots: IndexSnapshots;
  readonly held: HeldArticlesState;
  readonly model: VectorModel;
  readonly log: (message: string) => void;
  /**
   * Follows the store to another model (see follow-model.ts); without it a catch-up finding
   * another model's vectors fails with MODEL_MISMATCH and the indexes stay as they are.
   */
  readonly follower?: ModelFollower;
  /** Called after every task that moved the generation or swapped an index. */
  readonly moved: () => void;
}

export interface Keeper {
  /** The current vector index (reads never wait on the store). */
  readonly index: VectorIndex;
  /** The current lexical index. */
  readonly lexical: LexicalIndex;
  /** The store generation the indexes reflect. */
  generation(): number;
  /** The model of the vectors in the indexes. */
  model(): VectorModel;
  /** How many times the vector index was swapped (any rebuild, including a change-log gap). */
  swaps(): number;
  /** Applies every store write not yet applied (by anyone). */
  catchUp(): Promise<void>;
  /**
   * After a write of this process: applies `written` as they are when the write committed as
   * `generation` and that is the one after the generation reflected (nothing else in between),
   * else catches up from the change log.
   */
  written(written?: readonly ArticleRecord[], generation?: number): Promise<void>;
  /** Builds a new vector index from the store and swaps it in. */
  rebuild(reason: string): Promise<void>;
  /**
   * Runs `task` once no other task runs, with the indexes caught up (for saving them); when the
   * store cannot be reached, with the indexes as they are (they reflect `generation` exactly).
   */
  exclusive<T>(task: (current: Current) => Promise<T>): Promise<T>;
}

/** The indexes themselves (not the facades) and the generation they reflect. */
export interface Current {
  readonly index: VectorIndex;
  readonly lexical: MemoryLexicalIndex;
  readonly generation: number;
}

/**
 * A keeper of `opened` (both indexes at `opened.generation`, as the held articles), counting
 * swaps on from `opened.swaps` (those of the process that saved the loaded snapshot).
 */
export function createKeeper(deps: KeeperDeps, opened: Current & { swaps?: number }): Keeper {
  const { store, held } = deps;
  let model = deps.model;
  let current = opened.index;
  let inner = opened.lexical;
  let known = opened.generation;
  let swaps = opened.swaps ?? 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  };

  /** Rebuilds both indexes (of model `to`) and swaps them in, calling `swapped` at that moment. */
  const swapAll = async (reason: string, to = model, swapped = () => {}) => {
    const next = await rebuildVectorIndex(deps, to, reason);
    const lexical = await buildLexicalIndex(store);
    await held.load(store, next.generation);
    inner = lexical;
    current = next.index;
    model = to;
    swapped();
    known = next.generation;
    swaps += 1;
  };
  /** False when the store holds another model's vectors (followed, or not: nothing applied). */
  const sameModel = async () => {
    const stored = await store.vectorModel();
    if (!stored || (stored.modelId === model.modelId && stored.dimensions === model.dimensions)) {
      return true;
    }
    if (!deps.follower) {
      throw new AppError(
        'MODEL_MISMATCH',
        `The store now holds vectors of ${stored.modelId}; restart with MORELIKE_MODEL=${stored.modelId}`,
      );
    }
    await deps.follower.follow(stored, async (reason, swapped) => {
      await swapAll(reason, stored, swapped);
      deps.moved();
    });
    return false;
  };
  const catchUpNow = async () => {
    const generation = await store.generation();
    if (generation === known) {
      return;
    }
    if (!(await sameModel())) {
      return;
    }
    const reached = await applyChanges(store, { index: current, lexical: inner, held }, known);
    if (reached === undefined) {
      await swapAll('the change log no longer reaches back to the loaded index');
    } else {
      known = reached.generation;
    }
    deps.moved();
  };
  let waiting: Promise<void> | undefined;
  const catchUp = () => {
    // Notices arrive faster than catch-ups run: one waiting catch-up serves them all.
    waiting ??= serial(async () => {
      waiting = undefined;
      await catchUpNow();
    });
    return waiting;
  };
  const applyWritten = (written: readonly ArticleRecord[], generation: number) => {
    for (const { article, vector, terms } of written) {
      current.upsert(article.id, vector);
      inner.upsert(article.id, terms);
      if (held.holdsArticles) {
        held.put(article.id, article, terms);
      }
    }
    held.advance({ generation, articleIds: written.map((r) => r.article.id), overrideIds: [] });
    known = generation;
    deps.moved();
  };

  return {
    index: vectorFacade(
      () => model.dimensions,
      () => current,
    ),
    lexical: lexicalFacade(() => inner),
    generation: () => known,
    model: () => model,
    swaps: () => swaps,
    catchUp,
    written: (written, generation) =>
      serial(async () => {
        // Only the generation tells this write from another with the same ids (another server's
        // write of the same articles, committed after it, must not be undone).
        if (written && written.length > 0 && generation === known + 1) {
          applyWritten(written, generation);
        } else {
          await catchUpNow();
        }
      }),
    rebuild: (reason) =>
      serial(async () => {
        await catchUpNow();
        if (deps.follower?.problem()) {
          return; // the store holds a model this server cannot load: keep the indexes it has
        }
        const next = await rebuildVectorIndex(deps, model, reason);
        const reached = await applyChanges(
          store,
          { index: next.index, lexical: inner, held },
          known,
        );
        current = next.index;
        swaps += 1;
        if (reached === undefined) {
          await swapAll('the change log no longer reaches back to the loaded index');
        } else {
          known = reached.generation;
        }
        deps.moved();
      }),
    exclusive: (task) =>
      serial(async () => {
        await catchUpNow().catch(() => undefined);
        return task({ index: current, lexical: inner, generation: known });
      }),
  };
}
