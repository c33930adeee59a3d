/**
 * Random samples of stored vectors, one per language: the background a source's cosine is
 * standardised against is the random pairs of its own language's articles (a multilingual model's
 * cross-language pairs are less alike than same-language ones, so an archive-wide background
 * would misjudge every language of a mixed store). Each language's sample starts with its members
 * of a seeded reservoir sample of the whole archive (the archive-wide sample of a single-language
 * store, unchanged) and is topped up from a larger seeded draw, so a language that is a small
 * share of a large archive still gets its own sample; only the drawn articles' headers are read.
 * A language with few articles leans on the prior (see pairBackground), one with none is the
 * prior. The same archive gives the same samples (fixed seeds), redrawn when the archive has
 * changed size by 2% (the contract's bound on how far a list may lag the archive-wide statistics).
 */
import type { VectorIndex } from '../vector-index/vector-index.js';
import { primaryLanguage } from './filters.js';
import { type Background, pairBackground } from './fusion.js';
import { reservoir } from './sampling.js';
import type { RelevanceSettings } from './settings.js';

/** Redraw the samples when the store size has drifted by this share. */
const REFRESH_DRIFT = 0.02;

/** Articles drawn (all languages) to top up each language's sample. */
const DRAW = 2048;

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

/**
 * Creates a sampler over `index` drawing at most `settings.sampleSize` vectors a language;
 * `languages` gives the stored language of the ids it is asked about (absent ids are skipped).
 */
export function createBackgroundSampler(
  index: VectorIndex,
  settings: RelevanceSettings['background'],
  languages: (ids: readonly string[]) => Map<string, string | undefined>,
): BackgroundSampler {
  const prior = pairBackground([], settings);
  let cached: BackgroundState = { languages: {}, sampledAt: -1 };
  const current = (refresh?: 'now') => {
    const count = index.size();
    const { sampledAt } = cached;
    const drift = Math.abs(count - sampledAt);
    const stale =
      sampledAt < 0 || (drift > 0 && (refresh === 'now' || drift > REFRESH_DRIFT * sampledAt));
    if (stale) {
      cached = { languages: sampleLanguages(index, settings, languages), sampledAt: count };
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
  settings: RelevanceSettings['background'],
  languages: (ids: readonly string[]) => Map<string, string | undefined>,
): Record<string, Background> {
  const size = settings.sampleSize;
  const first = reservoir(index.vectors(), size).map((entry) => entry.id);
  const chosen = new Set(first);
  const more = reservoir(index.vectors(), Math.max(DRAW, size)).map((entry) => entry.id);
  const ids = [...first, ...more.filter((id) => !chosen.has(id))];
  const found = languages(ids);
  const samples = new Map<string, Float32Array[]>();
  for (const id of ids) {
    const vector = index.vector(id)?.vector;
    if (!found.has(id) || vector === undefined) {
      continue;
    }
    const language = primaryLanguage(found.get(id));
    const sample = samples.get(language) ?? [];
    samples.set(language, sample);
    if (sample.length < size) {
      sample.push(vector.slice());
    }
  }
  const backgrounds: Record<string, Background> = {};
  for (const [language, sample] of samples) {
    backgrounds[language] = pairBackground(sample, settings);
  }
  return backgrounds;
}
