/**
 * Generated article corpora for store and reindex tests: deterministic topics of shared words,
 * so related lists have real neighbours. Never read from /work/shared.
 */

const TOPICS = [
  ['storm', 'flood', 'harbour', 'sea', 'wall', 'rain'],
  ['cup', 'final', 'penalty', 'goal', 'match', 'team'],
  ['bakery', 'bread', 'oven', 'flour', 'baker', 'village'],
  ['election', 'vote', 'party', 'minister', 'poll', 'campaign'],
  ['cocoa', 'harvest', 'price', 'export', 'crop', 'bags'],
] as const;

/** Article `i` of a generated corpus, as a plain object (what a JSONL line holds). */
export function generatedArticle(i: number): { id: string; title: string; body: string } {
  const topic = TOPICS[i % TOPICS.length] ?? TOPICS[0];
  const pick = (k: number) => topic[(i + k) % topic.length];
  return {
    id: `gen-${i}`,
    title: `${pick(0)} ${pick(1)} report ${i}`,
    body: `The ${pick(2)} and the ${pick(3)} met the ${pick(4)} near the ${pick(5)}. Item ${i}.`,
  };
}

/** A JSONL text of `count` generated articles. */
export function generatedJsonl(count: number): string {
  return `${Array.from({ length: count }, (_, i) => JSON.stringify(generatedArticle(i))).join('\n')}\n`;
}
