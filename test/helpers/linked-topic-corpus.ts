/**
 * A generated archive whose topics each have two word groups that archive articles mix, so an
 * SVD links them: a source of only the first group and a target of only the second share no
 * word (no lexical evidence) yet one topic (what an archive model's embedding should see). In
 * English or in Ukrainian (real Ukrainian words, each its own stem). Never read from /work/shared.
 */
import { type Article, parseArticle } from '../../src/articles/article.js';
import { createRandom } from '../../src/bench/synthetic-corpus.js';

type Topic = readonly [first: readonly string[], second: readonly string[]];

/** Per language, topics of two word groups. */
export const LINKED_TOPICS: Readonly<Record<'en' | 'uk', readonly Topic[]>> = {
  en: [
    [
      ['storm', 'flood', 'harbour', 'rainfall', 'levee', 'coastguard'],
      ['tide', 'evacuation', 'sandbag', 'drizzle', 'cyclone', 'lifeboat'],
    ],
    [
      ['striker', 'penalty', 'goalkeeper', 'league', 'referee', 'stadium'],
      ['midfielder', 'trophy', 'dribble', 'offside', 'winger', 'tournament'],
    ],
    [
      ['bakery', 'flour', 'oven', 'sourdough', 'pastry', 'yeast'],
      ['croissant', 'baguette', 'dough', 'kneading', 'rye', 'muffin'],
    ],
    [
      ['election', 'ballot', 'parliament', 'coalition', 'candidate', 'senate'],
      ['polling', 'referendum', 'turnout', 'constituency', 'manifesto', 'incumbent'],
    ],
  ],
  uk: [
    [
      ['війна', 'армія', 'фронт', 'танк', 'снаряд', 'окоп'],
      ['бригада', 'дрон', 'артилерія', 'командир', 'наступ', 'оборона'],
    ],
    [
      ['бюджет', 'податок', 'інфляція', 'банк', 'кредит', 'гривня'],
      ['експорт', 'зарплата', 'пенсія', 'ціна', 'ринок', 'інвестиція'],
    ],
    [
      ['футбол', 'матч', 'воротар', 'чемпіонат', 'тренер', 'збірна'],
      ['стадіон', 'гравець', 'турнір', 'кубок', 'суддя', 'пенальті'],
    ],
    [
      ['злива', 'повінь', 'гроза', 'вітер', 'мороз', 'сніг'],
      ['циклон', 'опади', 'температура', 'синоптик', 'туман', 'ожеледиця'],
    ],
  ],
};

type Groups = 'both' | 'first' | 'second';

function article(id: string, language: 'en' | 'uk', topic: number, groups: Groups, seed: number) {
  const [first, second] = LINKED_TOPICS[language][topic % 4] as Topic;
  const words = groups === 'both' ? [...first, ...second] : groups === 'first' ? first : second;
  const random = createRandom(seed);
  const pick = () => words[Math.floor(random() * words.length)] ?? '';
  return parseArticle({
    id,
    title: `${pick()} ${pick()} ${pick()}`,
    body: Array.from({ length: 24 }, pick).join(' '),
    language,
  });
}

/** `count` archive articles in `language`, topics in turn, each mixing its topic's two groups. */
export function linkedArchive(language: 'en' | 'uk', count: number): Article[] {
  return Array.from({ length: count }, (_, i) =>
    article(`${language}-${String(i).padStart(4, '0')}`, language, i, 'both', 31 * i + 7),
  );
}

/** A source of topic 0's first group and a target of its second group only (no shared word). */
export function linkedPair(language: 'en' | 'uk'): { source: Article; target: Article } {
  return {
    source: article(`${language}-source`, language, 0, 'first', 1),
    target: article(`${language}-target`, language, 0, 'second', 2),
  };
}
