import { describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../articles/article.js';
import { createMemoryCore } from '../store/memory-store.js';
import { createExactIndex } from '../vector-index/exact-index.js';
import { squaredNorm } from '../vectors.js';
import { createArticleCache } from './article-cache.js';
import { shinglesOf } from './shingles.js';

const article = (id: string, title: string): Article =>
  parseArticle({ id, title, body: `Body of ${title}.` });

function storeWith(...articles: Article[]) {
  const store = createMemoryCore();
  const index = createExactIndex(3);
  const records = articles.map((a, i) => ({
    article: a,
    terms: {},
    textHash: String(i),
    vector: Float32Array.from([i + 1, 2, 3]),
  }));
  store.upsertMany(records);
  for (const { article, vector } of records) {
    index.upsert(article.id, vector);
  }
  return { store, index };
}

describe('createArticleCache', () => {
  it('gives headers without the body and reads the body apart', () => {
    const { store, index } = storeWith(article('a', 'Alpha'));
    const cache = createArticleCache(store, index);
    const header = cache.headers(['a', 'missing']);
    expect([...header.keys()]).toEqual(['a']);
    expect(header.get('a')?.title).toBe('Alpha');
    expect(header.get('a')).not.toHaveProperty('body');
    expect([...cache.shingles('a')]).toEqual([...shinglesOf('Body of Alpha.')]);
    expect(cache.shingles('missing').length).toBe(0);
  });

  it('reads and splits a body once, however many pairs test it, until it is rewritten', () => {
    const { store, index } = storeWith(article('a', 'Alpha beta gamma'));
    let bodyReads = 0;
    const counted = {
      ...store,
      get: (id: string) => {
        bodyReads += 1;
        return store.get(id);
      },
    };
    const cache = createArticleCache(counted, index);
    for (let i = 0; i < 50; i += 1) {
      cache.shingles('a');
    }
    expect(bodyReads).toBe(1);
    store.upsertMany([
      {
        article: parseArticle({ id: 'a', title: 'Alpha', body: 'A new body of several words.' }),
        terms: {},
        textHash: 'y',
        vector: new Float32Array(3),
      },
    ]);
    cache.refresh();
    expect([...cache.shingles('a')]).toEqual([...shinglesOf('A new body of several words.')]);
    expect(bodyReads).toBe(2);
  });

  it('gives the index vectors with the squared norm the cosine uses', () => {
    const { store, index } = storeWith(article('a', 'Alpha'));
    const cache = createArticleCache(store, index);
    const stored = cache.vector('a');
    expect(stored?.norm).toBe(squaredNorm(Float32Array.from([1, 2, 3])));
    expect(cache.vector('missing')).toBeUndefined();
  });

  it('follows updates and deletions after a refresh', () => {
    const { store, index } = storeWith(article('a', 'Alpha'), article('b', 'Beta'));
    const cache = createArticleCache(store, index);
    cache.headers(['a', 'b']);
    store.upsertMany([
      { article: article('a', 'Alpha 2'), terms: {}, textHash: 'x', vector: new Float32Array(3) },
    ]);
    store.delete('b');
    cache.refresh();
    expect(cache.headers(['a']).get('a')?.title).toBe('Alpha 2');
    expect(cache.headers(['b']).size).toBe(0);
  });
});
