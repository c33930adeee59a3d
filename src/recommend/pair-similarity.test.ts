import { describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import { createMemoryCore } from '../store/memory-store.js';
import { createExactIndex } from '../vector-index/exact-index.js';
import { createArticleCache } from './article-cache.js';
import type { Candidate } from './candidate.js';
import { isDuplicate } from './dedupe.js';
import { duplicateScreen, pairSimilarity } from './pair-similarity.js';
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
  const store = createMemoryCore();
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
  const index = createExactIndex(vectors[0]?.length ?? 1);
  vectors.forEach((vector, i) => {
    index.upsert(`v${i}`, vector);
  });
  const cache = createArticleCache(store, index);
  const candidates: Candidate[] = vectors.map((_, i) => ({
    article: parseArticle({ id: `v${i}`, title: `v${i}` }),
    cosine: 0,
    lexical: 0,
    score: 0,
    shared: () => [],
    copyOfSource: false,
    needsSharedName: false,
  }));
  return { cache, lexical, candidates };
}

describe('duplicateScreen', () => {
  it('decides every pair exactly as the full evidence does, near the threshold too', () => {
    const rule = DEFAULT_SETTINGS.duplicate;
    const targets = [0.2, 0.85, 0.899999, 0.9, 0.900001, 0.95, 1];
    const vectors = [atCosine(1, 1), ...targets.map((t, i) => atCosine(t, 1 + (i % 3)))];
    const { cache, lexical, candidates } = setup(vectors);
    const exact = pairSimilarity(cache, lexical, rule.cosine);
    const screen = duplicateScreen(candidates, cache, rule.cosine);
    const decisions = { exact: [] as boolean[], screened: [] as boolean[] };
    candidates.forEach((a, i) => {
      candidates.forEach((b, j) => {
        decisions.exact.push(isDuplicate(exact(a, b), rule));
        decisions.screened.push(screen(i, j) && isDuplicate(exact(a, b), rule));
      });
    });
    expect(decisions.screened).toEqual(decisions.exact);
    expect(decisions.exact).toContain(true);
    expect(decisions.exact).toContain(false);
  });

  it('passes pairs without a stored vector on to the full evidence', () => {
    const { cache, candidates } = setup([atCosine(1, 1), atCosine(0.1, 2)]);
    const stranger = {
      ...(candidates[0] as Candidate),
      article: parseArticle({ id: 'x', title: 'x' }),
    };
    const screen = duplicateScreen([...candidates, stranger], cache, 0.9);
    expect(screen(0, 1)).toBe(false);
    expect(screen(0, 2)).toBe(true);
  });
});
