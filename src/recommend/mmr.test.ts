import { describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import type { Candidate, PairSimilarity } from './candidate.js';
import { diversify } from './mmr.js';

const candidate = (id: string, score: number): Candidate => ({
  article: parseArticle({ id, title: id }),
  cosine: score,
  lexical: 0,
  score,
  shared: () => [],
  copyOfSource: false,
  needsSharedName: false,
});

// Two takes on one sub-angle (a1, a2 almost identical) and one other angle (b).
const angle = (id: string) => id.charAt(0);
const similarity: PairSimilarity = (x, y) => ({
  cosine: angle(x.article.id) === angle(y.article.id) ? 0.98 : 0.3,
  lexical: 0,
});
const ranked = [candidate('a1', 0.9), candidate('a2', 0.88), candidate('b1', 0.8)];

describe('diversify', () => {
  it('keeps the relevance order at diversity 0', () => {
    expect(diversify(ranked, 0, 2, similarity).map((c) => c.article.id)).toEqual(['a1', 'a2']);
  });

  it('prefers another angle over a second take on the same one when asked for variety', () => {
    expect(diversify(ranked, 0.5, 2, similarity).map((c) => c.article.id)).toEqual(['a1', 'b1']);
  });

  it('never returns more than the limit or invents items', () => {
    expect(diversify(ranked, 0.9, 5, similarity)).toHaveLength(3);
  });
});
