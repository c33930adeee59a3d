/**
 * Random samples of stored vectors, one per language: the background a source's cosine is
 * standardised against is the random pairs of its own language's articles (a multilingual model's
 * cross-language pairs are less alike than same-language ones, so an archive-wide background
 * would misjudge every language of a mixed store). Each language's sample starts with its members
 * of a seeded reservoir sample of the whole archive and is topped up from a larger seeded draw,
 * so a language that is a small share of a large archive still gets its own sample; only the
 * drawn articles' headers and the sampled ones' terms are read. A language with few articles leans on the prior (see
 * pairBackground), one with none is the prior. The same archive gives the same samples (fixed
 * seeds), redrawn when the archive has changed size by 2% (the contract's bound on how far a list
 * may lag the archive-wide statistics).
 *
 * A language the model does not know gets no sample (its topic evidence is its words). Stubs (a
 * headline alone, "ok": fewer than MIN_TERMS distinct terms) are no articles of the sample, and
 * a pair the collapse would call one story (a wire report run twice, "Weather update 1" and "2")
 * is no pair of two articles; each copy still counts with the rest, as a source meets each. So
 * stubs added to a small language leave its background as it was, and copies nearly so (five
 * tiny near-identical items among the demo's 176 English articles once moved it by 1%, enough to
 * lift a crime story over the threshold under a mayoral race).
 */
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import type { ArticleCache } from './article-cache.js';
import { type DuplicateEvidence, isDuplicate } from './dedupe.js';
import { primaryLanguage } from './filters.js';
import { type Background, pairBackground } from './fusion.js';
import { reservoir } from './sampling.js';
import type { RelevanceSettings } from './settings.js';
import { shingleOverlap } from './shingles.js';
import type { HeldArticles } from './types.js';

/** Redraw the samples when the store size has drifted by this share. */
const REFRESH_DRIFT = 0.02;

/** Articles drawn (all languages) to top up each language's sample. */
const DRAW = 2048;

/**
 * Fewer distinct terms than this and an article is a stub: left out of the sample. No article of
 * the four labelled English corpora nor of 300 real Ukrainian news texts has fewer than 9; 3 of
 * Reuters' 9,866 one-line market briefs do.
 */
export const MIN_TERMS = 8;

/** What the sampler reads of the drawn articles. */
export interface SampledArticles {
  /** The stored language of those of `ids` the store holds (absent ids are skipped). */
  languages(ids: readonly string[]): Map<string, string | undefined>;
  /** How many distinct lexical terms `id` has; undefined when unknown (then it is kept). */
  termCount(id: string): number | undefined;
  /** What the words say of two articles pointing the same way (see isDuplicate). */
  wordsAlike(idA: string, idB: string): Omit<DuplicateEvidence, 'cosine'>;
  /**
   * Whether the model knows `language` (a primary subtag). No sample is drawn for one it does
   * not: its articles' topic evidence is their words, against the lexical background.
   */
  modelCovers(language: string): boolean;
}

/**
 * The sampler's view of a store: languages from `cache`'s headers, sizes from the stored terms,
 * and the duplicate evidence of the words (lexical similarity, shingle overlap) as the collapse
 * reads it.
 */
export function storeArticles(deps: {
  readonly cache: ArticleCache;
  readonly store: Pick<HeldArticles, 'getTerms'>;
  readonly lexical: LexicalIndex;
  readonly modelCovers: (language: string) => boolean;
}): SampledArticles {
  const { cache, store, lexical, modelCovers } = deps;
  return {
    modelCovers,
    languages(ids) {
      cache.refresh();
      const headers = cache.headers(ids);
      return new Map([...headers].map(([id, header]) => [id, header.language]));
    },
    termCount(id) {
      const terms = store.getTerms(id);
      return terms === undefined ? undefined : Object.keys(terms).length;
    },
    wordsAlike: (a, b) => ({
      lexical: lexical.between(a, b),
      overlap: () => shingleOverlap(cache.shingles(a), cache.shingles(b)),
    }),
  };
}

/** The drawn backgrounds and the archive size they were drawn at (what a snapshot keeps). */
export interface BackgroundState {
  /** Background of each primary language subtag found in the samples. */
  readonly languages: Readonly<Record<string, Background>>;
  readonly sampledAt: number;
}

export interface BackgroundSampler {
  /** The background cosine of `language` (random pairs of its stored articles), redrawn when stale. */
  background(language: string | undefined): Background;
  /** The current backgrounds with the size they were drawn at (redrawn first when stale). */
  state(): BackgroundState;
  /** Takes over a saved state (a restart answers like the process that saved it). */
  restore(state: BackgroundState): void;
  /** Redraws the samples now if the archive has changed size at all since they were drawn. */
  refresh(): void;
}

/** The settings the sampler reads: the prior and sample size, and the near-copy cosine. */
export type SamplerSettings = Pick<RelevanceSettings, 'background' | 'duplicate'>;

/**
 * Creates a sampler over `index` drawing at most `settings.background.sampleSize` articles a
 * language; `articles` tells their languages and sizes.
 */
export function createBackgroundSampler(
  index: VectorIndex,
  settings: SamplerSettings,
  articles: SampledArticles,
): BackgroundSampler {
  const prior = pairBackground([], settings.background);
  let cached: BackgroundState = { languages: {}, sampledAt: -1 };
  const current = (refresh?: 'now') => {
    const count = index.size();
    const { sampledAt } = cached;
    const drift = Math.abs(count - sampledAt);
    const stale =
      sampledAt < 0 || (drift > 0 && (refresh === 'now' || drift > REFRESH_DRIFT * sampledAt));
    if (stale) {
      cached = { languages: sampleLanguages(index, settings, articles), sampledAt: count };
    }
    return cached;
  };
  return {
    background(language) {
      const found = current().languages;
      const primary = primaryLanguage(language);
      return Object.hasOwn(found, primary) ? (found[primary] as Background) : prior;
    },
    state: () => current(),
    restore(state) {
      cached = state;
    },
    refresh: () => {
      current('now');
    },
  };
}

/** Each language's background from its members of the archive sample, topped up from the draw. */
function sampleLanguages(
  index: VectorIndex,
  settings: SamplerSettings,
  articles: SampledArticles,
): Record<string, Background> {
  const size = settings.background.sampleSize;
  const first = reservoir(index.vectors(), size).map((entry) => entry.id);
  const chosen = new Set(first);
  const more = reservoir(index.vectors(), Math.max(DRAW, size)).map((entry) => entry.id);
  const ids = [...first, ...more.filter((id) => !chosen.has(id))];
  const found = articles.languages(ids);
  const samples = new Map<string, Sample>();
  for (const id of ids) {
    const vector = index.vector(id)?.vector;
    if (!found.has(id) || vector === undefined) {
      continue;
    }
    const language = primaryLanguage(found.get(id));
    if (!articles.modelCovers(language)) {
      continue;
    }
    const sample = samples.get(language) ?? { drawn: 0, ids: [], vectors: [] };
    samples.set(language, sample);
    if (sample.drawn >= size) {
      continue;
    }
    sample.drawn += 1;
    const terms = articles.termCount(id);
    if (terms === undefined || terms >= MIN_TERMS) {
      sample.ids.push(id);
      sample.vectors.push(vector.slice());
    }
  }
  const rule = settings.duplicate;
  const backgrounds: Record<string, Background> = {};
  for (const [language, { ids: kept, vectors }] of samples) {
    // Only pairs pointing the same way can be copies: their words decide.
    const isCopy = (i: number, j: number, similarity: number) =>
      similarity >= rule.cosine &&
      isDuplicate(
        { cosine: similarity, ...articles.wordsAlike(kept[i] as string, kept[j] as string) },
        rule,
      );
    backgrounds[language] = pairBackground(vectors, settings.background, isCopy);
  }
  return backgrounds;
}

/** One language's drawn articles (stubs left out) and their vectors. */
interface Sample {
  /** The language's drawn articles so far, stubs included (at most the sample size). */
  drawn: number;
  readonly ids: string[];
  readonly vectors: Float32Array[];
}
