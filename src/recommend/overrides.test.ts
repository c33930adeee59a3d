import { beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createOverrides } from './overrides.js';
import type { OverridesService } from './types.js';

describe('createOverrides', () => {
  let store: ArticleStore;
  let overrides: OverridesService;
  beforeEach(() => {
    store = createMemoryStore();
    store.upsertMany([
      {
        article: parseArticle({ id: 'src', title: 'Source' }),
        terms: {},
        textHash: 'h',
        vector: new Float32Array([1, 0]),
      },
    ]);
    overrides = createOverrides({ store });
  });

  it('stores pins and blocks and reads them back, repeated ids once', () => {
    const saved = overrides.set('src', { pinned: ['b', 'a', 'b'], blocked: ['c'] });
    expect(saved).toEqual({ pinned: ['b', 'a'], blocked: ['c'] });
    expect(overrides.get('src')).toEqual(saved);
  });

  it('answers empty lists for a source without overrides', () => {
    expect(overrides.get('src')).toEqual({ pinned: [], blocked: [] });
  });

  it('rejects an unknown source with ARTICLE_NOT_FOUND', () => {
    expect(() => overrides.set('nope', { pinned: [], blocked: [] })).toThrow(
      expect.objectContaining({ code: 'ARTICLE_NOT_FOUND' }),
    );
    expect(() => overrides.get('nope')).toThrow(
      expect.objectContaining({ code: 'ARTICLE_NOT_FOUND' }),
    );
  });

  it('rejects ids that are not strings with VALIDATION_FAILED naming the field', () => {
    const bad = { pinned: ['ok', 7], blocked: 'x' } as unknown as {
      pinned: string[];
      blocked: string[];
    };
    expect(() => overrides.set('src', bad)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          issues: expect.arrayContaining([
            expect.objectContaining({ field: 'pinned.1' }),
            expect.objectContaining({ field: 'blocked' }),
          ]),
        },
      }),
    );
    expect(overrides.get('src')).toEqual({ pinned: [], blocked: [] });
  });
});
