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
    store.upsertMany(
      ['src', 'a', 'b', 'c'].map((id) => ({
        article: parseArticle({ id, title: `Title ${id}` }),
        terms: {},
        textHash: `h-${id}`,
        vector: new Float32Array([1, 0]),
      })),
    );
    overrides = createOverrides({ store });
  });

  it('stores pins and blocks and reads them back, repeated ids once', () => {
    const saved = overrides.set('src', { pinned: ['b', 'a', 'b'], blocked: ['c'] });
    expect(saved).toEqual({ pinned: ['b', 'a'], blocked: ['c'] });
    expect(overrides.get('src')).toEqual(saved);
  });

  it('rejects a pin or block of an unknown id with VALIDATION_FAILED naming its place', () => {
    overrides.set('src', { pinned: ['a'], blocked: [] });
    expect(() => overrides.set('src', { pinned: ['a', 'b', 'x'], blocked: ['y'] })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        detail:
          'Invalid overrides: pinned.2: no article with id "x"; blocked.0: no article with id "y"',
      }),
    );
    expect(overrides.get('src')).toEqual({ pinned: ['a'], blocked: [] });
  });

  it('rejects the source itself in either list', () => {
    expect(() => overrides.set('src', { pinned: ['src'], blocked: [] })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ field: 'pinned.0', message: 'must not be the source article' }] },
      }),
    );
    expect(() => overrides.set('src', { pinned: [], blocked: ['a', 'src'] })).toThrow(
      expect.objectContaining({ detail: expect.stringContaining('blocked.1: must not be') }),
    );
  });

  it('keeps accepting a saved id after its article is deleted, so lists read back can be saved', () => {
    overrides.set('src', { pinned: ['a', 'b'], blocked: ['c'] });
    store.delete('b');
    store.delete('c');
    const saved = overrides.set('src', overrides.get('src'));
    expect(saved).toEqual({ pinned: ['a', 'b'], blocked: ['c'] });
    expect(() => overrides.set('src', { pinned: ['c'], blocked: [] })).toThrow(
      expect.objectContaining({ detail: 'Invalid overrides: pinned.0: no article with id "c"' }),
    );
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
