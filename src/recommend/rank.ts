/**
 * Candidate generation and scoring. The topic vector is the source plus the mean of its nearest
 * neighbours (Rocchio pseudo-relevance feedback); candidates are its nearest neighbours
 * (overfetched) plus the articles sharing the source's rarest terms, filtered as the request
 * asks, each scored by fusing its standardised topic cosine, its lexical similarity and the
 * publication gap (fusion.ts). For a source in a language the embedding model does not know, the
 * embedding is left out (it would only add noise): candidates come from the lexical side and the
 * topic evidence is the lexical similarity against its language's background (counted once: not
 * again as the exact-word help the topic evidence gets beside an embedding).
 */
import type { ArticleFields } from '../articles/article.js';
import type { AnalyzedText } from '../lexical/analyze.js';
import type { LexicalIndex, LexicalQuery } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { cosineWithNorms, squaredNorm } from '../vectors.js';
import type { ArticleCache, ArticleHeader } from './article-cache.js';
import type { BackgroundSampler } from './background.js';
import type { Candidate } from './candidate.js';
import { isDuplicate } from './dedupe.js';
import { articleFilter, narrowsByMetadata, primaryLanguage } from './filters.js';
import { type Background, daysBetween, fusedScore, standardise } from './fusion.js';
import { type LexicalBackground, type LexicalBackgrounds, lexicalZ } from './lexical-background.js';
import type { RelevanceSettings } from './settings.js';
import { type Shingles, shingleOverlap, shinglesOf } from './shingles.js';
import type { RelatedOptions } from './types.js';

/** Widen the embedding search this much when metadata filters will drop many neighbours. */
const FILTERED_OVERFETCH = 3;

export interface RankDeps {
  /** Headers, vectors and bodies of stored articles (refreshed once per list by the caller). */
  readonly cache: ArticleCache;
  readonly index: VectorIndex;
  readonly lexical: LexicalIndex;
  readonly settings: RelevanceSettings;
  readonly background: BackgroundSampler;
  /** Per-language backgrounds of the lexical similarity (for languages the model lacks). */
  readonly lexicalBackgrounds: LexicalBackgrounds;
  /** Whether the embedding model knows `language` (a primary subtag). */
  readonly modelCovers: (language: string) => boolean;
}

/** The source of a list: a stored article (with id) or a draft (id null). */
export interface RankSource {
  readonly id: string | null;
  readonly fields: ArticleFields;
  readonly vector: Float32Array;
  readonly analyzed: AnalyzedText;
}

/** What every candidate of one list is compared with. */
interface Comparison {
  readonly topic: Float32Array;
  /** Squared norms of the topic and of the source vector. */
  readonly topicNorm: number;
  readonly sourceNorm: number;
  readonly background: Background;
  readonly lexical: LexicalQuery;
  /** Set when the model does not know the source's language: the lexical topic background. */
  readonly lexicalOnly: LexicalBackground | undefined;
  /** The source's publication time in ms (NaN when unknown). */
  readonly sourceTime: number;
}

/**
 * Every allowed candidate with its evidence and fused score, best first (not thresholded).
 * `feedback`, when given, receives the ids of the neighbours that fed the topic vector back.
 */
export function rankCandidates(
  deps: RankDeps,
  source: RankSource,
  options: RelatedOptions,
  limit: number,
  allowId: (id: string) => boolean,
  now: Date,
  feedback?: string[],
): Candidate[] {
  const { cache, index, settings } = deps;
  const comparison = compareWith(deps, source, feedback);
  const widen = narrowsByMetadata(options) ? FILTERED_OVERFETCH : 1;
  const k = Math.max(settings.overfetchMin, settings.overfetchPerItem * limit) * widen;
  const lexicalOnly = comparison.lexicalOnly !== undefined;
  const neighbours = lexicalOnly
    ? []
    : index.search(comparison.topic, Math.min(k, index.size()), allowId);
  const cosines = new Map(neighbours.map((n) => [n.id, n.similarity]));
  for (const id of comparison.lexical.candidates(lexicalOnly ? k : settings.lexicalCandidates)) {
    const stored = cosines.has(id) || !allowId(id) ? undefined : cache.vector(id);
    if (stored) {
      const { topic, topicNorm } = comparison;
      cosines.set(id, cosineWithNorms(topic, topicNorm, stored.vector, stored.norm));
    }
  }
  const articles = cache.headers([...cosines.keys()]);
  const allowed = articleFilter(options, source.fields.language, now);
  const ranked: Candidate[] = [];
  for (const [id, similarity] of cosines) {
    const article = articles.get(id);
    if (article && allowed(article)) {
      ranked.push(evaluate(deps, source, comparison, article, similarity));
    }
  }
  return ranked.sort(byScore);
}

/** Scores one chosen article (a pin) against the source, whatever the filters say. */
export function scoreOne(deps: RankDeps, source: RankSource, id: string): Candidate | undefined {
  const stored = deps.cache.vector(id);
  const article = deps.cache.headers([id]).get(id);
  if (!stored || !article) {
    return undefined;
  }
  const comparison = compareWith(deps, source);
  const { topic, topicNorm } = comparison;
  const similarity = cosineWithNorms(topic, topicNorm, stored.vector, stored.norm);
  return evaluate(deps, source, comparison, article, similarity);
}

/** Best score first; ties by id, so equal inputs give equal lists. */
export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || (a.article.id < b.article.id ? -1 : 1);
}

/**
 * What every candidate is compared with. The topic's feedback neighbours are any stored article
 * but the source: blocks, exclusions and pins say what a list shows, not what the source is
 * about, so they never move the topic (nor, through it, the scores of the other items).
 */
function compareWith(deps: RankDeps, source: RankSource, feedbackOut?: string[]): Comparison {
  const language = primaryLanguage(source.fields.language);
  const background = deps.background.background(language);
  const lexicalOnly = deps.modelCovers(language)
    ? undefined
    : deps.lexicalBackgrounds.forLanguage(language);
  const topic = lexicalOnly
    ? source.vector
    : topicVector(deps, source, background, (id) => id !== source.id, feedbackOut);
  return {
    topic,
    topicNorm: squaredNorm(topic),
    sourceNorm: squaredNorm(source.vector),
    background,
    lexical: deps.lexical.query(source.analyzed.weights),
    lexicalOnly,
    sourceTime: source.fields.publishedAt ? Date.parse(source.fields.publishedAt) : Number.NaN,
  };
}

/**
 * The source plus the mean of its nearest neighbours that are themselves on topic (standardised
 * cosine at least `feedbackMinZ`), normalised: an article with no real neighbour keeps its
 * own vector instead of drifting toward the archive's centre.
 */
function topicVector(
  deps: RankDeps,
  source: RankSource,
  background: Background,
  allowId: (id: string) => boolean,
  feedbackOut?: string[],
): Float32Array {
  const count = Math.min(deps.settings.feedbackNeighbours, deps.index.size());
  const feedback = (count > 0 ? deps.index.search(source.vector, count, allowId) : []).filter(
    (n) => standardise(n.similarity, background) >= deps.settings.feedbackMinZ,
  );
  feedbackOut?.push(...feedback.map((n) => n.id));
  const topic = Float32Array.from(source.vector);
  const vectors = feedback
    .map((n) => deps.cache.vector(n.id)?.vector)
    .filter((v) => v !== undefined);
  const weight = deps.settings.feedbackWeight;
  for (const vector of vectors) {
    for (let d = 0; d < topic.length; d += 1) {
      topic[d] = (topic[d] ?? 0) + (weight * (vector[d] ?? 0)) / vectors.length;
    }
  }
  const norm = Math.hypot(...topic);
  return norm === 0 ? topic : topic.map((value) => value / norm);
}

function evaluate(
  deps: RankDeps,
  source: RankSource,
  comparison: Comparison,
  article: ArticleHeader,
  similarity: number,
): Candidate {
  const { cache, settings } = deps;
  const lexical = comparison.lexical.similarity(article.id);
  const stored =
    lexical >= settings.duplicate.overlapLexical ? cache.vector(article.id) : undefined;
  const z = comparison.lexicalOnly
    ? lexicalZ(lexical, comparison.lexicalOnly)
    : standardise(similarity, comparison.background);
  const days = daysBetween(comparison.sourceTime, publishedTime(article));
  // On words alone, z already is the lexical similarity's tail: the words count once.
  const fusion = comparison.lexicalOnly ? { ...settings.fusion, topicLexical: 0 } : settings.fusion;
  const score = fusedScore({ z, lexical, days }, fusion);
  const sourceCosine = stored
    ? cosineWithNorms(source.vector, comparison.sourceNorm, stored.vector, stored.norm)
    : 0;
  return {
    article,
    cosine: similarity,
    lexical,
    shared: sharedTermsOnce(comparison.lexical, article.id),
    copyOfSource: isDuplicate(
      { cosine: sourceCosine, lexical, overlap: overlapWith(source, cache, article.id) },
      settings.duplicate,
    ),
    score: score.score,
    needsSharedName:
      score.story < 0.5 && (comparison.lexicalOnly !== undefined || z < settings.topicOnlyMinZ),
  };
}

// The two factories below return their closures rather than writing them inline in the
// candidate: a closure written as a property is named at run time (tsx keeps names), which cost
// more than the rest of the candidate's evaluation.

/** The shared terms of a candidate, worked out once (the threshold and the reasons both ask). */
function sharedTermsOnce(query: LexicalQuery, id: string): () => readonly string[] {
  let shared: readonly string[] | undefined;
  return () => {
    shared ??= query.match(id).sharedTerms;
    return shared;
  };
}

function overlapWith(source: RankSource, cache: ArticleCache, id: string): () => number {
  return () => shingleOverlap(sourceShingles(source), cache.shingles(id));
}

/** The source's shingles, split once per list (every candidate may be tested against them). */
const sourceShingleSets = new WeakMap<RankSource, Shingles>();
function sourceShingles(source: RankSource): Shingles {
  let found = sourceShingleSets.get(source);
  if (found === undefined) {
    found = shinglesOf(source.fields.body);
    sourceShingleSets.set(source, found);
  }
  return found;
}

/** Publication time of a header in ms (NaN when unknown), parsed once per header. */
const publishedTimes = new WeakMap<ArticleHeader, number>();
function publishedTime(article: ArticleHeader): number {
  let time = publishedTimes.get(article);
  if (time === undefined) {
    time = article.publishedAt ? Date.parse(article.publishedAt) : Number.NaN;
    publishedTimes.set(article, time);
  }
  return time;
}
