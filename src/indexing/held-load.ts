/**
 * Loading and saving the held articles of a store on a database server: from the held articles
 * snapshot, caught up with the articles changed since (read from the store), or else every
 * article and its terms read from the store; and the records a snapshot save writes.
 */
import type { Article } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { ArticleStore } from '../store/article-store.js';
import type { HeldWrites } from './catch-up.js';
import type { HeldSnapshots, PackedArticles } from './held-snapshot.js';
import { encodeRecord, type HeldSavePlan } from './held-write.js';
import { pacer } from './pause.js';

/** Where held articles are saved and loaded from, and where reasons not to use them go. */
export interface HeldOptions {
  readonly snapshots?: HeldSnapshots;
  readonly log?: (message: string) => void;
}

/**
 * What a save writes: the snapshot's records still current, copied as they are (adjacent ones
 * as one range), then every article changed since (or every held article, without a snapshot).
 */
export function savePlan(
  articles: ReadonlyMap<string, Article>,
  terms: ReadonlyMap<string, TermWeights>,
  packed: PackedArticles | undefined,
  gone: ReadonlySet<string>,
): HeldSavePlan {
  const parts: Uint8Array[] = [];
  for (const [id, article] of articles) {
    parts.push(...encodeRecord(id, article, terms.get(id) ?? {}));
  }
  const kept: number[] = [];
  let count = articles.size;
  for (const [id, start, end] of packed?.ranges() ?? []) {
    if (articles.has(id) || gone.has(id)) {
      continue;
    }
    count += 1;
    if (kept[kept.length - 1] === start) {
      kept[kept.length - 1] = end;
    } else {
      kept.push(start, end);
    }
  }
  // Its own memory (not a pooled slice), so a thread can be handed it.
  const added = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    added.set(part, at);
    at += part.byteLength;
  }
  return { ...(packed ? { base: packed.bytes } : {}), kept: Float64Array.from(kept), added, count };
}

/** Reads every article and its terms from the store (yielding to the event loop). */
export async function fromStore(
  store: ArticleStore,
  articles: Map<string, Article>,
  terms: Map<string, TermWeights>,
): Promise<void> {
  const pace = pacer();
  for await (const article of store.articles()) {
    articles.set(article.id, article);
    await pace();
  }
  for await (const entry of store.terms()) {
    terms.set(entry.id, entry.terms);
  }
}

/** Changed articles read from the store at once. */
const READ_SLICE = 256;

/**
 * The snapshot's articles, with those changed since applied to `held` from the store; undefined
 * (with the reason logged) when there is no usable snapshot or the change log no longer reaches it.
 */
export async function fromSnapshot(
  store: ArticleStore,
  options: HeldOptions,
  held: Pick<HeldWrites, 'put' | 'remove'>,
): Promise<PackedArticles | undefined> {
  const loaded = await options.snapshots?.load();
  if (!loaded?.ok) {
    if (loaded) {
      options.log?.(`held articles: ${loaded.reason}; reading them from the store`);
    }
    return undefined;
  }
  const changes = await store.changesSince(loaded.packed.generation);
  if (!changes || changes.generation < loaded.packed.generation) {
    options.log?.('held articles: the snapshot is not of this store state; reading the store');
    return undefined;
  }
  for (let i = 0; i < changes.articleIds.length; i += READ_SLICE) {
    const ids = changes.articleIds.slice(i, i + READ_SLICE);
    const [found, weights] = await Promise.all([
      store.getMany(ids),
      Promise.all(ids.map((id) => store.getTerms(id))),
    ]);
    ids.forEach((id, k) => {
      const article = found.get(id);
      if (article) {
        held.put(id, article, weights[k] ?? {});
      } else {
        held.remove(id);
      }
    });
  }
  options.log?.(
    `held articles: from the snapshot at generation ${loaded.packed.generation}, ${changes.articleIds.length} changed since read from the store`,
  );
  return loaded.packed;
}
