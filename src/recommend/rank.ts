/**
 * Candidate generation and scoring: the embedding's nearest neighbours (overfetched) plus the
 * articles that share the source's rarest terms, filtered as the request asks, each scored by
 * fusing its standardised cosine with its lexical similarity.
 */
import type { ArticleFields } from '../articles/article.js';
import type { AnalyzedText } from '../lexical/analyze.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { ArticleStore } from '../store/article-store.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import type { BackgroundSampler } from './background.js';
import type { Candidate } from './candidate.js';
import { articleFilter, narrowsByMetadata } from './filters.js';
import { backgroundOf, cosine, daysApart, fusedScore, standardise } from './fusion.js';
import type { RelevanceSettings } from './settings.js';
import type { RelatedOptions } from './types.js';

/** Widen the embedding search this much when metadata filters will drop many neighbours. */
const FILTERED_OVERFETCH = 3;

export interface RankDeps {
  readonly store: ArticleStore;
  readonly index: VectorIndex;
  readonly lexical: LexicalIndex;
  readonly settings: RelevanceSettings;
  readonly background: BackgroundSampler;
}

/** The source of a list: a stored article (with id) or a draft (id null). */
export interface RankSource {
  readonly id: string | null;
  readonly fields: ArticleFields;
  readonly vector: Float32Array;
  readonly analyzed: AnalyzedText;
}

/** Every allowed candidate with its evidence and fused score, best first (not thresholded). */
export function rankCandidates(
  deps: RankDeps,
  source: RankSource,
  options: RelatedOptions,
  limit: number,
  allowId: (id: string) => boolean,
  now: Date,
): Candidate[] {
  const { store, index, lexical, settings } = deps;
  const widen = narrowsByMetadata(options) ? FILTERED_OVERFETCH : 1;
  const k = Math.max(settings.overfetchMin, settings.overfetchPerItem * limit) * widen;
  const neighbours = index.search(source.vector, Math.min(k, index.size()), allowId);
  const cosines = new Map(neighbours.map((n) => [n.id, n.similarity]));
  const query = lexical.query(source.analyzed.weights);
  for (const id of query.candidates(settings.lexicalCandidates)) {
    if (!cosines.has(id) && allowId(id)) {
      const vector = store.getVector(id);
      if (vector) {
        cosines.set(id, cosine(source.vector, vector));
      }
    }
  }
  const articles = store.getMany([...cosines.keys()]);
  const allowed = articleFilter(options, source.fields.language, now);
  const background = backgroundOf(
    source.vector,
    deps.background
      .sample()
      .filter((s) => s.id !== source.id)
      .map((s) => s.vector),
    settings.background,
  );
  const ranked: Candidate[] = [];
  for (const [id, similarity] of cosines) {
    const article = articles.get(id);
    if (article && allowed(article)) {
      const match = query.match(id);
      const z = standardise(similarity, background);
      ranked.push({
        article,
        cosine: similarity,
        lexical: match.similarity,
        score: fusedScore(
          {
            z,
            lexical: match.similarity,
            days: daysApart(source.fields.publishedAt, article.publishedAt),
          },
          settings.fusion,
        ),
        shared: match.sharedTerms,
      });
    }
  }
  return ranked.sort(byScore);
}

/** Scores one chosen article (a pin) against the source, whatever the filters say. */
export function scoreOne(
  deps: RankDeps,
  source: RankSource,
  id: string,
): Omit<Candidate, 'article'> | undefined {
  const vector = deps.store.getVector(id);
  const article = deps.store.get(id);
  if (!vector || !article) {
    return undefined;
  }
  const similarity = cosine(source.vector, vector);
  const background = backgroundOf(
    source.vector,
    deps.background.sample().map((s) => s.vector),
    deps.settings.background,
  );
  const match = deps.lexical.query(source.analyzed.weights).match(id);
  return {
    cosine: similarity,
    lexical: match.similarity,
    score: fusedScore(
      {
        z: standardise(similarity, background),
        lexical: match.similarity,
        days: daysApart(source.fields.publishedAt, article.publishedAt),
      },
      deps.settings.fusion,
    ),
    shared: match.sharedTerms,
  };
}

/** Best score first; ties by id, so equal inputs give equal lists. */
export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || (a.article.id < b.article.id ? -1 : 1);
}
