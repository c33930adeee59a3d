import { describe, expect, it } from 'vitest';
import { createExactIndex } from '../vector-index/exact-index.js';
import { createBackgroundSampler, MIN_TERMS, type SampledArticles } from './background.js';
import { pairBackground, standardise } from './fusion.js';
import { reservoir } from './sampling.js';
import { DEFAULT_SETTINGS } from './settings.js';

const DIMENSIONS = 16;
const SETTINGS = DEFAULT_SETTINGS.background;
const SAMPLER = DEFAULT_SETTINGS;

/** A seeded generator of values in -1..1 (the same test gives the same vectors). */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 0x8000_0000 - 1;
  };
}

/** A vector near `centre` (spread `spread`), or anywhere when `centre` is undefined. */
function vectorNear(next: () => number, centre: number | undefined, spread: number): Float32Array {
  return Float32Array.from({ length: DIMENSIONS }, (_, d) =>
    d === centre ? 1 + spread * next() : spread * next(),
  );
}

/**
 * A mixed store: `english` articles whose vectors cluster (a multilingual model's same-language
 * pairs are alike), `french` ones spread evenly, and `german` ones (few) on their own axis.
 */
function mixedStore(english: number, french: number, german: number) {
  const next = noise(7);
  const index = createExactIndex(DIMENSIONS);
  const language = new Map<string, string>();
  const add = (id: string, lang: string, vector: Float32Array) => {
    index.upsert(id, vector);
    language.set(id, lang);
  };
  for (let i = 0; i < Math.max(english, french, german); i += 1) {
    const rows: [number, string, string, number | undefined, number][] = [
      [english, 'en', 'en-GB', 0, 0.15],
      [french, 'fr', 'fr', undefined, 1],
      [german, 'de', 'de', 1, 0.15],
    ];
    for (const [count, prefix, lang, centre, spread] of rows) {
      if (i < count) {
        add(`${prefix}-${i}`, lang, vectorNear(next, centre, spread));
      }
    }
  }
  return { index, articles: fakeArticles(language), add, language };
}

/**
 * The sampler's view of a fake store: every article a full one (40 terms) unless `terms` says
 * otherwise, no two the same text unless `copies` pairs them (its words then coincide), and a
 * model that knows every language but Ukrainian.
 */
function fakeArticles(
  language: Map<string, string>,
  terms = new Map<string, number>(),
  copies = new Set<string>(),
): SampledArticles {
  return {
    languages: (ids) =>
      new Map(ids.filter((id) => language.has(id)).map((id) => [id, language.get(id)])),
    termCount: (id) => terms.get(id) ?? 40,
    wordsAlike: (a, b) => ({ lexical: copies.has(`${a} ${b}`) || copies.has(`${b} ${a}`) ? 1 : 0 }),
    modelCovers: (lang) => lang !== 'uk',
  };
}

describe('the embedding background per language', () => {
  it("standardises a source against its own language's random pairs, not the archive's", () => {
    const { index, articles } = mixedStore(300, 300, 0);
    const sampler = createBackgroundSampler(index, SAMPLER, articles);
    const english = sampler.background('en');
    const french = sampler.background('fr');
    const archive = pairBackground(
      reservoir(index.vectors(), SETTINGS.sampleSize).map((e) => e.vector),
      SETTINGS,
    );
    expect(english.mean).toBeGreaterThan(archive.mean + 0.2);
    expect(french.mean).toBeLessThan(archive.mean - 0.1);
    // A cosine that is unusual among random pairs of the archive is ordinary between two
    // English articles, whose random pairs are alike; one that is ordinary in the archive is
    // unusual between two French articles, whose random pairs are not.
    expect(standardise(0.8, archive)).toBeGreaterThan(1);
    expect(standardise(0.8, english)).toBeLessThan(0);
    expect(standardise(0.6, archive)).toBeLessThan(1);
    expect(standardise(0.6, french)).toBeGreaterThan(2);
    expect(sampler.background('en-US')).toEqual(english);
  });

  it('leans on the prior for a language with few articles, and is the prior for one with none', () => {
    const { index, articles } = mixedStore(300, 0, 3);
    const sampler = createBackgroundSampler(index, SAMPLER, articles);
    const prior = pairBackground([], SETTINGS);
    const german = sampler.background('de');
    const alone = pairBackground(
      ['de-0', 'de-1', 'de-2'].map((id) => index.vector(id)?.vector ?? new Float32Array()),
      { ...SETTINGS, priorWeight: 0 },
    );
    // Three articles make 3 pairs against the prior's 120: the mean stays near the prior's.
    expect(alone.mean).toBeGreaterThan(0.5);
    expect(Math.abs(german.mean - prior.mean)).toBeLessThan(0.05);
    expect(german.mean).toBeGreaterThan(prior.mean);
    expect(sampler.background('uk')).toEqual(prior);
  });

  it('is the archive-wide sample of a single-language store, the same for the same archive', () => {
    const { index, articles } = mixedStore(600, 0, 0);
    const sampler = createBackgroundSampler(index, SAMPLER, articles);
    const archive = pairBackground(
      reservoir(index.vectors(), SETTINGS.sampleSize).map((e) => e.vector),
      SETTINGS,
    );
    expect(sampler.background('en')).toEqual(archive);
    const again = createBackgroundSampler(index, SAMPLER, articles);
    expect(again.state()).toEqual(sampler.state());
    const restored = createBackgroundSampler(index, SAMPLER, fakeArticles(new Map()));
    restored.restore(JSON.parse(JSON.stringify(sampler.state())));
    expect(restored.background('en')).toEqual(archive);
  });

  it('draws no sample of a language the model does not know (its words are its evidence)', () => {
    const { index, add, language } = mixedStore(300, 0, 0);
    const next = noise(5);
    for (let i = 0; i < 50; i += 1) {
      add(`uk-${i}`, 'uk', vectorNear(next, 2, 0.1));
    }
    const articles = fakeArticles(language);
    const read: string[] = [];
    const sampler = createBackgroundSampler(index, SAMPLER, {
      ...articles,
      termCount: (id) => {
        read.push(id);
        return articles.termCount(id);
      },
    });
    expect(sampler.background('uk')).toEqual(pairBackground([], SETTINGS));
    expect(Object.keys(sampler.state().languages)).toEqual(['en']);
    expect(read.filter((id) => id.startsWith('uk-'))).toEqual([]);
    expect(read.length).toBeGreaterThan(0);
  });

  it("leaves a small language's background as it was when stubs and near-copies are added", () => {
    const next = noise(11);
    const german = Array.from({ length: 40 }, () => vectorNear(next, undefined, 1));
    const jitter = (vector: Float32Array) => vector.map((x) => x + 0.01 * next());
    // Four lightly edited copies of one report, and two headline-only items ("Wetter 1", "Wetter 2").
    const copies = [1, 2, 3, 4].map(() => jitter(german[0] as Float32Array));
    const weather = vectorNear(next, undefined, 1);
    const stubs = [jitter(weather), jitter(weather)];
    type Extra = { copies?: Float32Array[]; stubs?: Float32Array[]; others?: Float32Array[] };
    const backgroundOf = (extra: Extra) => {
      const { index, add, language } = mixedStore(300, 0, 0);
      const addAll = (prefix: string, vectors: readonly Float32Array[] = []) =>
        vectors.map((vector, i) => {
          add(`${prefix}-${i}`, 'de', vector);
          return `${prefix}-${i}`;
        });
      addAll('de', german);
      const same = ['de-0', ...addAll('de-copy', extra.copies)];
      const terms = new Map(addAll('de-stub', extra.stubs).map((id) => [id, MIN_TERMS - 1]));
      addAll('de-other', extra.others);
      const pairs = new Set(same.flatMap((a) => same.map((b) => `${a} ${b}`)));
      const sampler = createBackgroundSampler(index, SAMPLER, fakeArticles(language, terms, pairs));
      return sampler.background('de');
    };
    const clean = backgroundOf({});
    const cutoff = clean.mean + 2 * clean.std;
    const zOf = (extra: Extra) => standardise(cutoff, backgroundOf(extra));
    // Counted as articles and pairs, the six would have made a cosine 2 spreads above the clean
    // mean 1.85 spreads above it (what the sample once did).
    const counted = pairBackground([...german, ...copies, ...stubs], SETTINGS);
    expect(standardise(cutoff, counted)).toBeLessThan(1.9);
    // Stubs are no articles: as if they were not stored.
    expect(zOf({ stubs })).toBeCloseTo(2, 9);
    // The copies' pairs with each other are no pairs of two articles; each copy is still an
    // article a source meets (one report's pairs with the rest, five times), a tenth of the move.
    expect(Math.abs(zOf({ copies, stubs }) - 2)).toBeLessThan(0.03);
    // An article that merely points the same way as another (its words differ) still counts.
    expect(Math.abs(zOf({ others: [jitter(german[1] as Float32Array)] }) - 2)).toBeGreaterThan(
      0.005,
    );
  });
});
