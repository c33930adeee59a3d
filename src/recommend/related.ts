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
import type { ArticleStore } from '../store/article-store.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { createArticleCache } from './article-cache.js';
import { createBackgroundSampler } from './background.js';
import type { Candidate } from './candidate.js';
import { collapseDuplicates, isDuplicate } from './dedupe.js';
import { freshnessKey, orderWithFreshness } from './freshness.js';
import { createLexicalBackgrounds } from './lexical-background.js';
import { diversify } from './mmr.js';
import { duplicateScreen, pairSimilarity } from './pair-similarity.js';
import { type RankDeps, type RankSource, rankCandidates, scoreOne } from './rank.js';
import { readableReasons } from './reasons.js';
import { resolveSettings, type SettingsOverrides } from './settings.js';
import type { RelatedItem, RelatedOptions, RelatedService } from './types.js';

export interface RelatedDeps {
  readonly store: ArticleStore;
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
const MAX_LIMIT = 50;

/** Creates the related-list service over the given store and indexes. */
export function createRelated(deps: RelatedDeps): RelatedService {
  const settings = resolveSettings(deps.settings);
  const now = deps.now ?? (() => new Date());
  const cache = createArticleCache(deps.store, deps.index);
  const rankDeps: RankDeps = {
    cache,
    index: deps.index,
    lexical: deps.lexical,
    settings,
    background: createBackgroundSampler(deps.index, settings.background),
    lexicalBackgrounds: createLexicalBackgrounds({ ...deps, cache }),
    modelCovers: deps.modelCovers ?? (() => true),
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

  const list = (source: RankSource, options: RelatedOptions) => {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    cache.refresh();
    const overrides = source.id === null ? undefined : deps.store.getOverrides(source.id);
    const blocked = new Set(overrides?.blocked ?? []);
    const excluded = new Set(options.excludeIds ?? []);
    const allowId = (id: string) => id !== source.id && !blocked.has(id) && !excluded.has(id);
    const pinned = pinnedItems(rankDeps, source, overrides?.pinned ?? [], allowId, limit);
    const pinnedIds = new Set(pinned.map((c) => c.article.id));
    const current = now();
    const ranked = rankCandidates(rankDeps, source, options, limit, allowId, current);
    const minScore = options.minScore ?? settings.minScore;
    // The default threshold also asks weak topic-only items for a shared name; a request's
    // minScore sets the bar on the score alone (minScore 0 shows what the threshold holds back).
    const names = options.minScore === undefined ? source.analyzed.names : undefined;
    const relevant = ranked.filter(
      (c) =>
        c.score >= minScore &&
        !pinnedIds.has(c.article.id) &&
        !c.copyOfSource &&
        (!names || !c.needsSharedName || c.shared().some((stem) => names.has(stem))),
    );
    const reference = source.fields.publishedAt ? new Date(source.fields.publishedAt) : current;
    const diversity = options.diversity ?? settings.diversity;
    const rest = unpinnedItems(relevant, limit - pinned.length, reference, diversity);
    const toItem = (c: Candidate, isPinned: boolean) =>
      item(c, isPinned, readableReasons(c.shared(), source.analyzed.surfaces, settings.reasons));
    return {
      source: {
        id: source.id,
        title: source.fields.title,
        language: source.fields.language ?? 'en',
      },
      model: deps.embedder.modelId,
      items: [...pinned.map((c) => toItem(c, true)), ...rest.map((c) => toItem(c, false))],
    };
  };

  return {
    async forArticle(id, options = {}) {
      const article = deps.store.get(id);
      if (!article) {
        throw articleNotFound(id);
      }
      return list(await sourceOf(id, article), options);
    },
    async forDraft(draft, options = {}) {
      return list(await sourceOf(null, draft), options);
    },
  };
}

/** Editor pins in their order: missing, deleted, blocked and excluded ids are skipped. */
function pinnedItems(
  deps: RankDeps,
  source: RankSource,
  pinned: readonly string[],
  allowId: (id: string) => boolean,
  limit: number,
): Candidate[] {
  const ids = [...new Set(pinned)].filter(allowId);
  const articles = deps.cache.headers(ids);
  const found: Candidate[] = [];
  for (const id of ids) {
    const candidate = articles.has(id) ? scoreOne(deps, source, id) : undefined;
    if (candidate && found.length < limit) {
      found.push(candidate);
    }
  }
  return found;
}

function item(candidate: Candidate, pinned: boolean, reasons: string[]): RelatedItem {
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
    reasons,
  };
}
