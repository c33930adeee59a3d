/**
 * Reads that go on from memory while a shared store is out of reach: the stored article and its
 * overrides come from the store when it answers, and from what the indexing room holds (the
 * articles and overrides every related list is built from) when it answers STORE_UNAVAILABLE.
 * The stats then count the articles the indexes reflect.
 */
import type { Article } from '../articles/article.js';
import { isAppError } from '../errors.js';
import type { Services, Stats } from '../services.js';
import type { Overrides } from '../store/article-store.js';

async function orHeld<T>(read: () => Promise<T>, held: () => T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isAppError(error, 'STORE_UNAVAILABLE')) {
      return held();
    }
    throw error;
  }
}

/** The stored article `id`, from the store or, while it is out of reach, from memory. */
export function readArticle(services: Services, id: string): Promise<Article | undefined> {
  return orHeld(
    () => services.store.get(id),
    () => services.indexing.articles.get(id),
  );
}

/** The overrides of `id` (an existing article), from the store or, while it is out of reach, from memory. */
export function readOverrides(services: Services, id: string): Promise<Overrides> {
  return orHeld(
    () => services.overrides.get(id),
    () => services.indexing.articles.getOverrides(id),
  );
}

/** The stats, from the store or, while it is out of reach, the indexed articles as the count. */
export function readStats(services: Services): Promise<Stats> {
  return orHeld(
    () => services.stats(),
    () => ({
      articles: services.index.size(),
      indexed: services.index.size(),
      model: services.indexing.model().modelId,
      dimensions: services.indexing.model().dimensions,
      indexGeneration: services.indexing.generation(),
    }),
  );
}
