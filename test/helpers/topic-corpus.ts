/**
 * A generated multilingual archive for model-training tests: English topics and a Ukrainian one
 * (words with й, ї, є and an apostrophe), each article drawing words of its own topic with a
 * seeded PRNG, so topics are what an SVD should find. Never read from /work/shared.
 */
import { type Article, parseArticle } from '../../src/articles/article.js';
import { createRandom } from '../../src/bench/synthetic-corpus.js';

/** The topics' words; the last topic is Ukrainian. */
export const TOPIC_WORDS = [
  ['storm', 'flood', 'harbour', 'rainfall', 'levee', 'coastguard', 'tide', 'evacuation'],
  ['striker', 'penalty', 'goalkeeper', 'league', 'referee', 'stadium', 'midfielder', 'trophy'],
  ['bakery', 'flour', 'oven', 'sourdough', 'pastry', 'yeast', 'croissant', 'baguette'],
  ['election', 'ballot', 'minister', 'parliament', 'coalition', 'candidate', 'senate', 'polling'],
  ['миротворці', 'Україна', 'війська', 'перемир’я', 'її', 'мир', 'м’ясо', 'тимчасовий'],
] as const;

/** Article `i` of the archive: topic i mod topics, `words` words from its topic. */
export function topicArticle(i: number, seed = 7, words = 24): Article {
  const topic = i % TOPIC_WORDS.length;
  const vocabulary = TOPIC_WORDS[topic] ?? TOPIC_WORDS[0];
  const random = createRandom(seed * 100_003 + i);
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] ?? '';
  const title = `${pick()} ${pick()} ${pick()}`;
  const body = Array.from({ length: words }, pick).join(' ');
  return parseArticle({
    id: `topic-${String(i).padStart(4, '0')}`,
    title,
    body,
    language: topic === TOPIC_WORDS.length - 1 ? 'uk' : 'en',
  });
}

/** The first `count` articles. */
export function topicArchive(count: number, seed = 7): Article[] {
  return Array.from({ length: count }, (_, i) => topicArticle(i, seed));
}
