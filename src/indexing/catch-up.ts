/**
 * Catching the in-memory indexes and held articles up with the store's change log: each changed
 * article is upserted from its stored vector and terms, or removed when it is gone; each changed
 * overrides record is read again. The change log says what changed, by any writer.
 */
import type { Article } from '../articles/article.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { ArticleStore, Overrides, StoreChanges } from '../store/article-store.js';
import type { VectorIndex } from '../vector-index/vector-index.js';

/** Changed articles read from the store at once. */
const READ_SLICE = 256;

/** What the held articles take from a catch-up (see held-articles.ts). */
export interface HeldWrites {
  /** Whether articles and terms are held (without a store on this machine to read them from). */
  readonly holdsArticles: boolean;
  put(id: string, article: Article, terms: TermWeights): void;
  remove(id: string): void;
  setOverrides(id: string, overrides: Overrides): void;
  /** Records the changes applied (the generation reached and what changed). */
  advance(changes: StoreChanges): void;
}

/** What a catch-up updates: the vector index, and the lexical index and held articles if given. */
export interface CatchUpTargets {
  readonly index: VectorIndex;
  readonly lexical?: LexicalIndex;
  readonly held?: HeldWrites;
}

/**
 * Applies store writes after `since` to `targets`. Returns the changes applied (with the
 * generation reached), or undefined when the change log no longer reaches back to `since` (the
 * caller rebuilds).
 */
export async function applyChanges(
  store: ArticleStore,
  targets: CatchUpTargets,
  since: number,
): Promise<StoreChanges | undefined> {
  const changes = await store.changesSince(since);
  if (!changes) {
    return undefined;
  }
  const { index, lexical, held } = targets;
  for (let i = 0; i < changes.articleIds.length; i += READ_SLICE) {
    const ids = changes.articleIds.slice(i, i + READ_SLICE);
    const articles = held?.holdsArticles ? await store.getMany(ids) : undefined;
    // Read concurrently: a store on a database server answers them over its pooled connections
    // instead of one round trip after another.
    const needTerms = lexical !== undefined || articles !== undefined;
    const [vectors, terms] = await Promise.all([
      Promise.all(ids.map((id) => store.getVector(id))),
      Promise.all(ids.map((id) => (needTerms ? store.getTerms(id) : undefined))),
    ]);
    ids.forEach((id, k) => {
      const vector = vectors[k];
      if (vector) {
        const weights = terms[k] ?? {};
        index.upsert(id, vector);
        lexical?.upsert(id, weights);
        const article = articles?.get(id);
        if (article) {
          held?.put(id, article, weights);
        }
      } else {
        index.remove(id);
        lexical?.remove(id);
        held?.remove(id);
      }
    });
  }
  for (const id of changes.overrideIds ?? []) {
    held?.setOverrides(id, await store.getOverrides(id));
  }
  held?.advance(changes);
  return changes;
}
