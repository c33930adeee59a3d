/**
 * A synthetic news archive for benchmarks: words drawn from the model's own vocabulary with Zipf
 * frequencies, grouped into topics (sections) and stories (shared rare names), so the vector index
 * sees the clustered structure of real news rather than uniform noise. Deterministic for a seed.
 */
import type { Article } from '../articles/article.js';

export interface SyntheticCorpusOptions {
  /** Words to draw from, most frequent first (e.g. the model's vocabulary). */
  readonly vocabulary: readonly string[];
  readonly articles: number;
  /** Body length in words (default 300). */
  readonly bodyWords?: number;
  readonly topics?: number;
  /** Mean articles per story (default 5). */
  readonly storySize?: number;
  readonly seed?: number;
}

const SECTIONS = [
  'world',
  'politics',
  'business',
  'economy',
  'technology',
  'science',
  'climate',
  'health',
  'sport',
  'culture',
  'entertainment',
  'crime',
];

/** A seeded PRNG (mulberry32): fast, deterministic, good enough for test data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws indexes 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf). */
export function createZipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += 1 / (i + 1) ** s;
    cdf[i] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
}

interface Topic {
  readonly section: string;
  readonly words: readonly string[];
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function makeTopics(vocabulary: readonly string[], count: number, random: () => number): Topic[] {
  const band = vocabulary.slice(300, Math.min(vocabulary.length, 20_000));
  return Array.from({ length: count }, (_, i) => ({
    section: SECTIONS[i % SECTIONS.length] as string,
    words: Array.from({ length: 150 }, () => pick(band, random)),
  }));
}

/**
 * Yields the corpus in order, one article at a time, so 300,000 articles never sit in memory.
 * Each body mixes general words (60%), its topic's words (30%) and its story's names (10%).
 */
export function* syntheticArticles(options: SyntheticCorpusOptions): Generator<Article> {
  const random = createRandom(options.seed ?? 42);
  const vocabulary = options.vocabulary.filter((word) => /^[a-z]{2,}$/.test(word));
  const general = createZipfSampler(Math.min(vocabulary.length, 30_000), 1.07, random);
  const topicWord = createZipfSampler(150, 0.8, random);
  const topics = makeTopics(vocabulary, options.topics ?? 60, random);
  const rare = vocabulary.slice(20_000);
  const bodyWords = options.bodyWords ?? 300;
  const storySize = options.storySize ?? 5;
  const start = Date.UTC(2025, 0, 1);
  let story = { topic: topics[0] as Topic, names: [] as string[], left: 0 };
  for (let n = 0; n < options.articles; n += 1) {
    if (story.left <= 0) {
      const names = Array.from({ length: 8 }, () =>
        pick(rare.length > 0 ? rare : vocabulary, random),
      );
      story = {
        topic: pick(topics, random),
        names,
        left: 1 + Math.floor(random() * storySize * 2),
      };
    }
    story.left -= 1;
    const word = (): string => {
      const roll = random();
      if (roll < 0.6) {
        return vocabulary[general()] as string;
      }
      return roll < 0.9 ? (story.topic.words[topicWord()] as string) : pick(story.names, random);
    };
    const title = Array.from({ length: 8 }, word).join(' ');
    const body = Array.from({ length: bodyWords }, word).join(' ');
    yield {
      id: `bench-${String(n).padStart(7, '0')}`,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      body,
      section: story.topic.section,
      language: 'en',
      publishedAt: new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString(),
    };
  }
}
