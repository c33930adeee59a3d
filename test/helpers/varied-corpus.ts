/**
 * Seeded articles on a handful of topics whose texts vary (different words from the topic's
 * vocabulary, in different orders), so related lists have real neighbours that are not copies of
 * one story. For load, crash and soak runs; never read from /work/shared.
 */
import { createRng } from './fuzz-values.js';

const TOPICS = [
  'storm flood harbour rain wind coast river evacuation damage rescue sandbags weather warning',
  'football cup final penalty goal striker coach league stadium referee season injury transfer',
  'bakery bread oven flour baker village pastry butter dough shop loaf wheat breakfast',
  'election vote party minister parliament campaign poll candidate ballot coalition debate',
  'cocoa harvest price export farmers crop chocolate beans market drought plantation trade',
  'hospital doctors nurses patients surgery waiting clinic health treatment ward emergency',
  'school teachers pupils exam classroom curriculum students holiday lessons headteacher',
].map((line) => line.split(' '));

/** Article `i` (the same for the same `i` and `seed`), with the given id. */
export function variedArticle(id: string, i: number, seed = 1) {
  const rng = createRng(seed * 1_000_003 + i);
  const topic = TOPICS[i % TOPICS.length] ?? [];
  const words = (n: number) =>
    Array.from({ length: n }, () => topic[Math.floor(rng() * topic.length)]).join(' ');
  return {
    id,
    title: `${words(5)} ${i}`,
    body: `${words(12)}. ${words(10)}. The ${words(3)} and the ${words(4)}.`,
    tags: [topic[0] ?? 'news'],
  };
}
