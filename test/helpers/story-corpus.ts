/**
 * A seeded corpus of news-like articles told in stories (each story has its own distinctive
 * words, published within a few days), for the materialised-list tests: related lists have real
 * same-story neighbours, and a write reaches some lists and not others.
 */
import { type Article, parseArticle } from '../../src/articles/article.js';
import { createRandom } from '../../src/bench/synthetic-corpus.js';

const COMMON =
  'said year people new time week government city report council officials local'.split(' ');

/** Distinctive words of story `story` (ten made-up stems, never shared with another story). */
function storyWords(story: number): string[] {
  return Array.from({ length: 10 }, (_, i) => `s${story}w${i}${'abcdefghij'[(story + i) % 10]}`);
}

/** A corpus writer: `article(id, story)` is a new article of that story, drawn from `seed`. */
export function createStoryCorpus(seed: number, stories = 12) {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = (story: number, count: number) =>
    Array.from({ length: count }, () =>
      random() < 0.7 ? pick(storyWords(story)) : pick(COMMON),
    ).join(' ');
  return {
    stories,
    random,
    pick,
    article(id: string, story: number): Article {
      const day = 1 + (story % 20) + Math.floor(random() * 3);
      return parseArticle({
        id,
        title: `${words(story, 5)} ${pick(COMMON)}`,
        body: `${words(story, 30)}. ${words(story, 20)}.`,
        section: pick(['news', 'local', 'business']),
        publishedAt: `2026-10-${String(day).padStart(2, '0')}T08:00:00Z`,
      });
    },
  };
}
