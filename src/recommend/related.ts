/**
 * The "More like this" use case: for a stored article or a draft, the related list. Hybrid
 * ranking (embedding neighbours + exact-word evidence, fused into one calibrated score), the
 * relevance threshold (a short list beats an off-topic one), near-duplicate collapse, request
 * filters, a freshness tie-break, diversity, editor pins and blocks, and readable reasons.
 */
import type { ArticleFields } from '../articles/article.js';
import { embeddingInput } from '../articles/embedding-text.js';
import type { Embedder } from '../embedding/embedder.js';
import { AppError, articleNotFound } from '../errors.js';
import { analyzeDetailed } from '../lexical/analyze.js';
import { detectLanguage } from '../lexical/detect-language.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { createArticleCache } from './article-cache.js';
import { type BackgroundState, createBackgroundSampler, storeArticles } from './background.js';
import { type Candidate, hasReaderEvidence } from './candidate.js';
import { collapseDuplicates, isDuplicate } from './dedupe.js';
import { freshnessKey, orderWithFreshness } from './freshness.js';
import { createLexicalBackgrounds } from './lexical-background.js';
import { diversify } from './mmr.js';
import { duplicateScreen, pairSimilarity } from './pair-similarity.js';
import { buildPool, MAX_LIMIT, pinnedItems, SEARCH_LIMIT } from './pool-build.js';
import { type RankDeps, type RankSource, rankCandidates } from './rank.js';
import { readableReasons } from './reasons.js';
import { listFromPool, type PoolContext, type RelatedPool, relatedItem } from './related-pool.js';
import { resolveSettings, type SettingsOverrides } from './settings.js';
import type { HeldArticles, RelatedList, RelatedOptions, RelatedService } from './types.js';

export interface RelatedDeps {
  /** The stored articles, held in memory (see HeldArticles). */
  readonly store: HeldArticles;
  readonly index: VectorIndex;
  readonly embedder: Embedder;
  readonly lexical: LexicalIndex;
  /**
   * Whether the embedding model knows a language (primary subtag); the others are ranked on
   * lexical evidence alone. Absent: every language.
   */
  readonly modelCovers?: (language: string) => boolean;
  /** The clock for maxAgeDays (tests inject a fixed one). */
  readonly now?: () => Date;
  readonly settings?: SettingsOverrides;
}

const DEFAULT_LIMIT = 6;

/** The related service with the pool seam the materialised lists use. */
export interface PooledRelated extends RelatedService {
  /** The ranked pool of stored article `id`; throws ARTICLE_NOT_FOUND. */
  pool(id: string): Promise<RelatedPool>;
  /** The list `options` ask for from `pool`; undefined when it must be computed live. */
  fromPool(pool: RelatedPool, options: RelatedOptions): RelatedList | undefined;
  /** The list computed live for this request alone. */
  live(id: string, options?: RelatedOptions): Promise<RelatedList>;
  /**
   * The archive-wide statistics lists are computed under: `token` names them (the lexical
   * statistics' size and the background's), `background` is what a snapshot keeps.
   */
  statistics(): { readonly token: string; readonly background: BackgroundState };
  /** Takes over a saved background (before any list is computed). */
  restoreStatistics(background: BackgroundState): void;
  /**
   * Redraws the archive-wide statistics for the archive as it is now, however little it changed
   * (they otherwise lag by up to 2%): after a bulk load, every list then reflects the whole of it,
   * whenever the lists were first computed. Lists made under the old statistics go stale.
   */
  settleStatistics(): void;
}

/** Creates the related-list service over the given store and indexes. */
export function createRelated(deps: RelatedDeps): PooledRelated {
  const settings = resolveSettings(deps.settings);
  const now = deps.now ?? (() => new Date());
  const cache = createArticleCache(deps.store, deps.index);
  const modelCovers = deps.modelCovers ?? (() => true);
  const sampler = createBackgroundSampler(
    deps.index,
    settings,
    storeArticles({ ...deps, cache, modelCovers }),
  );
  const lexicalBackgrounds = createLexicalBackgrounds({ ...deps, cache });
  const rankDeps: RankDeps = {
    cache,
    index: deps.index,
    lexical: deps.lexical,
    settings,
    background: sampler,
    lexicalBackgrounds,
    modelCovers,
  };

  const sourceOf = async (id: string | null, given: ArticleFields): Promise<RankSource> => {
    // A draft (or an article stored before detection) without language: detected, as at ingest.
    const language = given.language ?? detectLanguage(embeddingInput(given));
    const fields = { ...given, language };
    const input = embeddingInput(fields);
    const stored = id === null ? undefined : deps.index.vector(id)?.vector.slice();
    const vector = stored ?? (await deps.embedder.embed([input]))[0];
    if (!vector) {
      throw new AppError('EMBEDDING_FAILED', 'The embedder returned no vector for the source');
    }
    return { id, fields, vector, analyzed: analyzeDetailed(input) };
  };

  const similarity = pairSimilarity(cache, deps.lexical, settings.duplicate.cosine);
  /** One item per story, ordered (freshness tie-break, diversity), at most `count`. */
  const unpinnedItems = (
    relevant: readonly Candidate[],
    count: number,
    reference: Date,
    diversity: number,
  ): Candidate[] => {
    const screen = duplicateScreen(relevant, cache, settings.duplicate.cosine);
    const isCopy = (i: number, j: number) =>
      screen(i, j) &&
      isDuplicate(
        similarity(relevant[i] as Candidate, relevant[j] as Candidate),
        settings.duplicate,
      );
    const key = freshnessKey(reference, settings.freshness);
    const bonus = Math.max(0, settings.freshness.weight);
    const shown = diversity <= 0 ? { count, key, bonus } : undefined;
    const unique = collapseDuplicates(relevant, isCopy, shown);
    const ordered = orderWithFreshness(unique, reference, settings.freshness);
    return diversify(ordered, diversity, count, similarity);
  };

  const clampLimit = (options: RelatedOptions) =>
    Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));

  /** The list computed from the indexes for this request alone (drafts, unpoolable requests). */
  const live = (source: RankSource, options: RelatedOptions): RelatedList => {
    const limit = clampLimit(options);
    cache.refresh();
    const overrides = source.id === null ? undefined : deps.store.getOverrides(source.id);
    const blocked = new Set(overrides?.blocked ?? []);
    const excluded = new Set(options.excludeIds ?? []);
    const allowId = (id: string) => id !== source.id && !blocked.has(id) && !excluded.has(id);
    const pinned = pinnedItems(rankDeps, source, overrides?.pinned ?? [], allowId, limit);
    const pinnedIds = new Set(pinned.map((c) => c.article.id));
    const current = now();
    const minScore = options.minScore ?? settings.minScore;
    // A list a pool could answer is searched exactly as deep as a pool (so the two agree, see
    // SEARCH_LIMIT); one below the default threshold, which no pool answers (an editor looking
    // at what the threshold holds back), as deep as its limit asks.
    const depth = minScore < settings.minScore ? Math.max(limit, SEARCH_LIMIT) : SEARCH_LIMIT;
    const ranked = rankCandidates(rankDeps, source, options, depth, allowId, current);
    // The default threshold also asks weak topic-only items for a shared name; a request's
    // minScore sets the bar on the score alone (minScore 0 shows what the threshold holds back).
    const names = options.minScore === undefined ? source.analyzed.names : undefined;
    const relevant = ranked.filter(
      (c) =>
        c.score >= minScore &&
        !pinnedIds.has(c.article.id) &&
        !c.copyOfSource &&
        (!names || hasReaderEvidence(c, names, source.fields.language)),
    );
    const reference = source.fields.publishedAt ? new Date(source.fields.publishedAt) : current;
    const diversity = options.diversity ?? settings.diversity;
    const rest = unpinnedItems(relevant, limit - pinned.length, reference, diversity);
    const reasonsOf = (c: Candidate) =>
      readableReasons(
        c.shared(),
        source.analyzed.surfaces,
        settings.reasons,
        source.fields.language,
      );
    return {
      source: {
        id: source.id,
        title: source.fields.title,
        language: source.fields.language ?? 'en',
      },
      model: deps.embedder.modelId,
      items: [
        ...pinned.map((c) => relatedItem(c, true, reasonsOf(c))),
        ...rest.map((c) => relatedItem(c, false, reasonsOf(c))),
      ],
    };
  };

  /** The ranked pool of a stored article (what is materialised), see pool-build.ts. */
  const poolOf = (id: string, source: RankSource): RelatedPool => {
    cache.refresh();
    return buildPool(rankDeps, deps.store.getOverrides(id), id, source, now());
  };

  const poolContext: PoolContext = {
    modelId: deps.embedder.modelId,
    minScore: settings.minScore,
    defaultDiversity: settings.diversity,
    headers: (ids) => {
      cache.refresh();
      return cache.headers(ids);
    },
    alive: (id) => deps.index.has(id),
    order: unpinnedItems,
  };
  const stored = (id: string) => {
    const article = deps.store.get(id);
    if (!article) {
      throw articleNotFound(id);
    }
    return article;
  };
  const fromPool = (pool: RelatedPool, options: RelatedOptions) =>
    listFromPool(poolContext, pool, options, clampLimit(options), now());

  return {
    async pool(id) {
      return poolOf(id, await sourceOf(id, stored(id)));
    },
    fromPool,
    async live(id, options = {}) {
      return live(await sourceOf(id, stored(id)), options);
    },
    async forArticle(id, options = {}) {
      const source = await sourceOf(id, stored(id));
      return fromPool(poolOf(id, source), options) ?? live(source, options);
    },
    async forDraft(draft, options = {}) {
      return live(await sourceOf(null, draft), options);
    },
    statistics() {
      const background = sampler.state();
      return { token: `${deps.lexical.statistics()}/${background.sampledAt}`, background };
    },
    restoreStatistics: (background) => sampler.restore(background),
    settleStatistics() {
      deps.lexical.statistics('now');
      sampler.refresh();
      lexicalBackgrounds.refresh();
    },
  };
}
