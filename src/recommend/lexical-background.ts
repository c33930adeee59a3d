/**
 * The lexical background of one language: how similar (TF-IDF cosine) random pairs of its stored
 * articles are. For an article in a language its embedding model does not know, the topic
 * evidence comes from the words alone, and this background puts the lexical similarity on the
 * scale the embedding's standardised cosine uses: the share of random pairs at least this
 * similar, read as a normal tail (z). Lexical similarity is heavy-tailed (most pairs share
 * nothing, a few share a place name), so a mean and a spread would call one random pair in a
 * hundred "unusually similar"; the tail share keeps the 0.45 threshold meaning what it means for
 * the embedding. While a language has few articles, an exponential prior tail (the mean random
 * pair's similarity, measured on English and Ukrainian news) stands in for the missing pairs.
 * Real news is heavier-tailed than that exponential (two football reports share "league,
 * football, season"), so once a language fills its sample the observed share of pairs at least
 * as similar counts too, whichever is larger: in a small archive that share is mostly its own
 * few stories' pairs, in a full sample it is the everyday overlap of the language's news.
 */
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import type { ArticleCache } from './article-cache.js';
import { primaryLanguage } from './filters.js';
import { inverseNormalTail, reservoir } from './sampling.js';
import type { HeldArticles } from './types.js';

/** Random-pair similarities of one language, sorted descending. */
export interface LexicalBackground {
  readonly similarities: Float64Array;
}

/** Prior of the random-pair lexical similarity: an exponential tail with this mean. */
export const LEXICAL_PRIOR = Object.freeze({ mean: 0.025, pairs: 120 });

/** Articles drawn (all languages) to find each language's sample, and kept per language. */
const DRAW = 2048;
const PER_LANGUAGE = 128;
const REFRESH_DRIFT = 0.1;

/**
 * z of `similarity`: the normal quantile of the share of random pairs at least as similar, under
 * an exponential tail whose scale is fitted to the median random pair (robust: in a small archive
 * the pairs of its few stories fatten the upper tail, never the median), shrunk toward the prior.
 */
export function lexicalZ(similarity: number, background: LexicalBackground): number {
  const pairs = background.similarities;
  const n = pairs.length;
  const median = n === 0 ? 0 : (pairs[Math.floor(n / 2)] as number);
  const fitted = median / Math.LN2;
  const scale = (n * fitted + LEXICAL_PRIOR.pairs * LEXICAL_PRIOR.mean) / (n + LEXICAL_PRIOR.pairs);
  const fittedTail = Math.exp(-similarity / Math.max(scale, 1e-6));
  // The observed tail counts from half a full sample on (fully from a full one): below that, a
  // few stories' own pairs make up the tail and would hide their other reports.
  const articles = (1 + Math.sqrt(1 + 8 * n)) / 2;
  const trust = Math.min(1, Math.max(0, (2 * articles) / PER_LANGUAGE - 1));
  const observed = observedTail(similarity, pairs);
  return inverseNormalTail(Math.min(0.5, fittedTail + trust * Math.max(0, observed - fittedTail)));
}

/** Share of the sampled pairs (sorted descending) at least `similarity` similar. */
function observedTail(similarity: number, pairs: Float64Array): number {
  let lo = 0;
  let hi = pairs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pairs[mid] as number) >= similarity) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return pairs.length === 0 ? 0 : lo / pairs.length;
}

export interface LexicalBackgrounds {
  /** The background of `language` (its primary subtag), sampled from its stored articles. */
  forLanguage(language: string | undefined): LexicalBackground;
  /** Redraws every language's background at its next use if the archive has changed at all. */
  refresh(): void;
}

/** Per-language lexical backgrounds, redrawn when the archive has changed size by a tenth. */
export function createLexicalBackgrounds(deps: {
  readonly index: VectorIndex;
  readonly cache: ArticleCache;
  readonly store: Pick<HeldArticles, 'getTerms'>;
  readonly lexical: LexicalIndex;
}): LexicalBackgrounds {
  const cached = new Map<string, LexicalBackground>();
  let sampledAt = -1;
  return {
    refresh() {
      if (deps.index.size() !== sampledAt) {
        sampledAt = -1;
      }
    },
    forLanguage(language) {
      const count = deps.index.size();
      if (sampledAt < 0 || Math.abs(count - sampledAt) > REFRESH_DRIFT * Math.max(sampledAt, 10)) {
        cached.clear();
        sampledAt = count;
      }
      const primary = primaryLanguage(language);
      let background = cached.get(primary);
      if (background === undefined) {
        background = sampleLanguage(deps, primary);
        cached.set(primary, background);
      }
      return background;
    },
  };
}

function sampleLanguage(
  deps: Parameters<typeof createLexicalBackgrounds>[0],
  primary: string,
): LexicalBackground {
  const drawn = reservoir(deps.index.vectors(), DRAW).map((entry) => entry.id);
  const headers = deps.cache.headers(drawn);
  const ids = drawn
    .filter((id) => primaryLanguage(headers.get(id)?.language) === primary)
    .slice(0, PER_LANGUAGE);
  const similarities: number[] = [];
  ids.forEach((id, i) => {
    const terms = deps.store.getTerms(id);
    if (terms) {
      const query = deps.lexical.query(terms);
      for (const other of ids.slice(i + 1)) {
        similarities.push(query.similarity(other));
      }
    }
  });
  return { similarities: Float64Array.from(similarities).sort().reverse() };
}
