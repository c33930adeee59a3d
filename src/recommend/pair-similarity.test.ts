import { describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createArticleCache } from './article-cache.js';
import type { Candidate } from './candidate.js';
import { isDuplicate } from './dedupe.js';
import { duplicateSimilarity, pairSimilarity } from './pair-similarity.js';
import { DEFAULT_SETTINGS } from './settings.js';

const DIMENSIONS = 16;

/** A vector at cosine `target` (exactly, in reals) with the first axis. */
function atCosine(target: number, axis: number): Float32Array {
  const v = new Float32Array(DIMENSIONS);
  v[0] = target;
  v[axis] = Math.sqrt(1 - target * target);
  return v;
}

function setup(vectors: readonly Float32Array[]) {
  const store = createMemoryStore();
  const lexical = createLexicalIndex();
  store.upsertMany(
    vectors.map((vector, i) => ({
      article: parseArticle({ id: `v${i}`, title: `same words ${i}`, body: 'same words here' }),
      terms: { same: 1, words: 1 },
      textHash: String(i),
      vector,
    })),
  );
  for (const { id, terms } of store.terms()) {
    lexical.upsert(id, terms);
  }
  const cache = createArticleCache(store);
  const candidates: Candidate[] = vectors.map((_, i) => ({
    article: parseArticle({ id: `v${i}`, title: `v${i}` }),
    cosine: 0,
    lexical: 0,
    score: 0,
    shared: [],
    copyOfSource: false,
  }));
  return { cache, lexical, candidates };
}

describe('duplicateSimilarity', () => {
  it('decides every pair exactly as the full evidence does, near the threshold too', () => {
    const rule = DEFAULT_SETTINGS.duplicate;
    const targets = [0.2, 0.85, 0.899999, 0.9, 0.900001, 0.95, 1];
    const vectors = [atCosine(1, 1), ...targets.map((t, i) => atCosine(t, 1 + (i % 3)))];
    const { cache, lexical, candidates } = setup(vectors);
    const exact = pairSimilarity(cache, lexical, rule.cosine);
    const screened = duplicateSimilarity(exact, cache, rule.cosine);
    const decisions = { exact: [] as boolean[], screened: [] as boolean[] };
    for (const a of candidates) {
      for (const b of candidates) {
        decisions.exact.push(isDuplicate(exact(a, b), rule));
        decisions.screened.push(isDuplicate(screened(a, b), rule));
      }
    }
    expect(decisions.screened).toEqual(decisions.exact);
    expect(decisions.exact).toContain(true);
    expect(decisions.exact).toContain(false);
  });
});
