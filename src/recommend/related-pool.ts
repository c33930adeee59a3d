/**
 * The ranked pool of a stored article: what its related list is made of before the request's
 * options. A pool is what gets materialised (kept ready for every stored article); a request
 * applies its options to it (filters, limit, threshold, diversity, the duplicate collapse) and
 * only when the pool cannot fill the list after a filter is the list computed live.
 */
import type { ArticleHeader } from './article-cache.js';
import type { Candidate } from './candidate.js';
import { articleFilter } from './filters.js';
import type { RelatedItem, RelatedList, RelatedOptions } from './types.js';

/** One candidate of a pool, with what the request-time steps need: its score and reasons. */
export interface PoolItem {
  readonly id: string;
  readonly score: number;
  readonly reasons: readonly string[];
}

/** A stored article's ranked pool (see the module comment). */
export interface RelatedPool {
  readonly source: {
    readonly id: string;
    readonly title: string;
    readonly language?: string | undefined;
    readonly publishedAt?: string | undefined;
  };
  /** The editor's pins, scored, in their order (missing and blocked ids skipped). */
  readonly pinned: readonly PoolItem[];
  /** Candidates at or above the default threshold that are not copies of the source, best first. */
  readonly items: readonly PoolItem[];
  /** True when `items` was cut at its maximum length (a narrowed list may then need more). */
  readonly capped: boolean;
  /** The neighbours that fed the topic vector back: the pool depends on them too. */
  readonly feedback: readonly string[];
  /** The best candidates whatever their score: the lists a write of this article can reach. */
  readonly near: readonly string[];
}

/** What applying options to a pool needs from the related service. */
export interface PoolContext {
  readonly modelId: string;
  readonly minScore: number;
  readonly defaultDiversity: number;
  readonly headers: (ids: readonly string[]) => Map<string, ArticleHeader>;
  /** False for an article deleted since the pool was made (filtered out at once). */
  readonly alive: (id: string) => boolean;
  /** One item per story, ordered (freshness tie-break, diversity), at most `count`. */
  readonly order: (
    relevant: readonly Candidate[],
    count: number,
    reference: Date,
    diversity: number,
  ) => Candidate[];
}

/** True when the options drop pool items by what they are (not by score or count). */
export function narrows(options: RelatedOptions): boolean {
  return (
    (options.sections?.length ?? 0) > 0 ||
    (options.excludeSections?.length ?? 0) > 0 ||
    (options.excludeIds?.length ?? 0) > 0 ||
    options.maxAgeDays !== undefined
  );
}

/**
 * The list `options` ask for, from `pool`; undefined when the pool cannot answer it: a threshold
 * below the default (the pool holds nothing below it), or a narrowed list the pool cannot fill.
 */
export function listFromPool(
  context: PoolContext,
  pool: RelatedPool,
  options: RelatedOptions,
  limit: number,
  now: Date,
): RelatedList | undefined {
  const minScore = options.minScore ?? context.minScore;
  if (minScore < context.minScore) {
    return undefined;
  }
  const excluded = new Set(options.excludeIds ?? []);
  const allowed = (entry: PoolItem) => !excluded.has(entry.id) && context.alive(entry.id);
  const headers = context.headers([...pool.pinned, ...pool.items].map((entry) => entry.id));
  const toCandidate = (entry: PoolItem) => candidateOf(entry, headers.get(entry.id));
  const pinned = pool.pinned
    .filter(allowed)
    .map(toCandidate)
    .filter((c) => c !== undefined)
    .slice(0, limit);
  const pinnedIds = new Set(pinned.map((c) => c.article.id));
  const filter = articleFilter(options, pool.source.language, now);
  const relevant = pool.items
    .filter((entry) => allowed(entry) && entry.score >= minScore && !pinnedIds.has(entry.id))
    .map(toCandidate)
    .filter((c) => c !== undefined && filter(c.article)) as Candidate[];
  const reference = pool.source.publishedAt ? new Date(pool.source.publishedAt) : now;
  const diversity = options.diversity ?? context.defaultDiversity;
  const rest = context.order(relevant, limit - pinned.length, reference, diversity);
  const short = pinned.length + rest.length < limit;
  if (short && (pool.capped || narrows(options))) {
    return undefined;
  }
  const reasonsOf = new Map([...pool.pinned, ...pool.items].map((e) => [e.id, e.reasons]));
  const toItem = (c: Candidate, isPinned: boolean) =>
    relatedItem(c, isPinned, reasonsOf.get(c.article.id) ?? []);
  return {
    source: {
      id: pool.source.id,
      title: pool.source.title,
      language: pool.source.language ?? 'en',
    },
    model: context.modelId,
    items: [...pinned.map((c) => toItem(c, true)), ...rest.map((c) => toItem(c, false))],
  };
}

function candidateOf(entry: PoolItem, article: ArticleHeader | undefined): Candidate | undefined {
  if (!article) {
    return undefined;
  }
  // The request-time steps order by score and compare items through the indexes; the
  // candidate's own cosine and lexical evidence is not kept in the pool.
  return {
    article,
    score: entry.score,
    needsSharedName: false,
    cosine: 0,
    lexical: 0,
    copyOfSource: false,
    shared: () => [],
  };
}

/** The contract shape of one item (score rounded to three decimals). */
export function relatedItem(
  candidate: Candidate,
  pinned: boolean,
  reasons: readonly string[],
): RelatedItem {
  const { article } = candidate;
  return {
    id: article.id,
    title: article.title,
    url: article.url ?? null,
    section: article.section ?? null,
    publishedAt: article.publishedAt ?? null,
    image: article.image ?? null,
    score: Math.round(candidate.score * 1000) / 1000,
    pinned,
    reasons: [...reasons],
  };
}
