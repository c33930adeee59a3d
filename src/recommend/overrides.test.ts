import { beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createOverrides } from './overrides.js';
import type { OverridesService } from './types.js';

describe('createOverrides', async () => {
  let store: ArticleStore;
  let overrides: OverridesService;
  beforeEach(async () => {
    store = createMemoryStore();
    await store.upsertMany(
      ['src', 'a', 'b', 'c'].map((id) => ({
        article: parseArticle({ id, title: `Title ${id}` }),
        terms: {},
        textHash: `h-${id}`,
        vector: new Float32Array([1, 0]),
      })),
    );
    overrides = createOverrides({ store });
  });

  it('stores pins and blocks and reads them back, repeated ids once', async () => {
    const saved = await overrides.set('src', { pinned: ['b', 'a', 'b'], blocked: ['c'] });
    expect(saved).toEqual({ pinned: ['b', 'a'], blocked: ['c'] });
    expect(await overrides.get('src')).toEqual(saved);
  });

  it('rejects a pin or block of an unknown id with VALIDATION_FAILED naming its place', async () => {
    await overrides.set('src', { pinned: ['a'], blocked: [] });
    await expect(overrides.set('src', { pinned: ['a', 'b', 'x'], blocked: ['y'] })).rejects.toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        detail:
          'Invalid overrides: pinned.2: no article with id "x"; blocked.0: no article with id "y"',
      }),
    );
    expect(await overrides.get('src')).toEqual({ pinned: ['a'], blocked: [] });
  });

  it('rejects the source itself in either list', async () => {
    await expect(overrides.set('src', { pinned: ['src'], blocked: [] })).rejects.toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ field: 'pinned.0', message: 'must not be the source article' }] },
      }),
    );
    await expect(overrides.set('src', { pinned: [], blocked: ['a', 'src'] })).rejects.toThrow(
      expect.objectContaining({ detail: expect.stringContaining('blocked.1: must not be') }),
    );
  });

  it('keeps accepting a saved id after its article is deleted, so lists read back can be saved', async () => {
    await overrides.set('src', { pinned: ['a', 'b'], blocked: ['c'] });
    await store.delete('b');
    await store.delete('c');
    const saved = await overrides.set('src', await overrides.get('src'));
    expect(saved).toEqual({ pinned: ['a', 'b'], blocked: ['c'] });
    await expect(overrides.set('src', { pinned: ['c'], blocked: [] })).rejects.toThrow(
      expect.objectContaining({ detail: 'Invalid overrides: pinned.0: no article with id "c"' }),
    );
  });

  it('answers empty lists for a source without overrides', async () => {
    expect(await overrides.get('src')).toEqual({ pinned: [], blocked: [] });
  });

  it('rejects an unknown source with ARTICLE_NOT_FOUND', async () => {
    await expect(overrides.set('nope', { pinned: [], blocked: [] })).rejects.toThrow(
      expect.objectContaining({ code: 'ARTICLE_NOT_FOUND' }),
    );
    await expect(overrides.get('nope')).rejects.toThrow(
      expect.objectContaining({ code: 'ARTICLE_NOT_FOUND' }),
    );
  });

  it('rejects ids that are not strings with VALIDATION_FAILED naming the field', async () => {
    const bad = { pinned: ['ok', 7], blocked: 'x' } as unknown as {
      pinned: string[];
      blocked: string[];
    };
    await expect(overrides.set('src', bad)).rejects.toThrow(
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
    expect(await overrides.get('src')).toEqual({ pinned: [], blocked: [] });
  });
});
