/**
 * The ArticleStore contract: one suite run against every store (memory and SQLite), so the unit
 * tests' fake behaves exactly like the production store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../../src/articles/article.js';
import type { ArticleRecord, ArticleStore } from '../../src/store/article-store.js';

/** A valid article with `id` and optional field overrides. */
export function article(id: string, fields: Partial<Article> = {}): Article {
  return parseArticle({ id, title: `Title of ${id}`, body: `Body of ${id}`, ...fields });
}

/** A record with a small deterministic vector. */
export function record(id: string, fields: Partial<Article> = {}, seed = 1): ArticleRecord {
  const vector = Float32Array.from([seed, id.length, 0.5, -seed]);
  return {
    article: article(id, fields),
    textHash: `hash-${id}-${seed}`,
    vector,
    terms: { [id]: seed },
  };
}

/** Runs the contract against stores made by `open` (called once per test; `close` is called after). */
export function describeArticleStoreContract(name: string, open: () => ArticleStore): void {
  describe(`ArticleStore contract: ${name}`, () => {
    let store: ArticleStore;
    beforeEach(() => {
      store = open();
      store.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    });
    afterEach(() => store.close());

    it('stores new articles and reports them as created', () => {
      const result = store.upsertMany([record('a'), record('b')]);
      expect(result).toEqual({ created: ['a', 'b'], updated: [] });
      expect(store.count()).toBe(2);
      expect(store.get('a')).toEqual(article('a'));
      expect(Array.from(store.getVector('b') ?? [])).toEqual([1, 1, 0.5, -1]);
    });

    it('replaces an existing article and reports it as updated', () => {
      store.upsertMany([record('a')]);
      const result = store.upsertMany([record('a', { title: 'New title' }, 2)]);
      expect(result).toEqual({ created: [], updated: ['a'] });
      expect(store.count()).toBe(1);
      expect(store.get('a')?.title).toBe('New title');
      expect(store.textHashes(['a', 'zz'])).toEqual(new Map([['a', 'hash-a-2']]));
      expect([...store.terms()]).toEqual([{ id: 'a', terms: { a: 2 } }]);
      expect(store.getTerms('a')).toEqual({ a: 2 });
      expect(store.getTerms('zz')).toBeUndefined();
    });

    it('stores nothing of a batch that holds a wrong-length vector', () => {
      const bad = { ...record('b'), vector: new Float32Array(3) };
      expect(() => store.upsertMany([record('a'), bad])).toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
      expect(store.count()).toBe(0);
    });

    it('deletes an article with its vector and overrides', () => {
      store.upsertMany([record('a'), record('b')]);
      store.setOverrides('a', { pinned: ['b'], blocked: [] });
      expect(store.delete('a')).toBe(true);
      expect(store.delete('a')).toBe(false);
      expect(store.get('a')).toBeUndefined();
      expect(store.getVector('a')).toBeUndefined();
      expect(store.getOverrides('a')).toEqual({ pinned: [], blocked: [] });
      expect([...store.vectors()].map((v) => v.id)).toEqual(['b']);
    });

    it('returns only the found articles of getMany', () => {
      store.upsertMany([record('a'), record('b')]);
      expect([...store.getMany(['b', 'x', 'a']).keys()].sort()).toEqual(['a', 'b']);
    });

    it('gives headers of the found ids without the body, everything else as stored', () => {
      store.upsertMany([record('a'), record('b')]);
      const headers = store.getHeaders(['b', 'x', 'a', 'it\'s "odd"']);
      expect([...headers.keys()].sort()).toEqual(['a', 'b']);
      const { body: _body, ...expected } = store.get('a') ?? { body: '' };
      expect(headers.get('a')).toEqual(expected);
      expect(headers.get('a')).not.toHaveProperty('body');
    });

    it('lists every article, vector and terms entry', () => {
      store.upsertMany([record('a'), record('b'), record('c')]);
      expect([...store.articles()].map((a) => a.id)).toEqual(['a', 'b', 'c']);
      expect([...store.vectors()].map((v) => v.vector.length)).toEqual([4, 4, 4]);
      expect([...store.terms()].map((t) => t.id)).toEqual(['a', 'b', 'c']);
    });

    it('finds titles holding every query word, or ids starting with the query', () => {
      store.upsertMany([
        record('n-1', { title: 'NATO sends peacekeepers' }),
        record('n-2', { title: 'Peacekeepers leave Kosovo' }),
        record('x-9', { title: 'Cocoa prices fall' }),
      ]);
      expect(store.searchTitles('peacekeepers', 10).map((a) => a.id)).toEqual(['n-1', 'n-2']);
      expect(store.searchTitles('nato PEACEKEEPERS', 10).map((a) => a.id)).toEqual(['n-1']);
      expect(store.searchTitles('x-', 10).map((a) => a.id)).toEqual(['x-9']);
      expect(store.searchTitles('peacekeepers', 1)).toHaveLength(1);
      expect(store.searchTitles('50%', 10)).toEqual([]);
    });

    it('keeps overrides per source article', () => {
      store.upsertMany([record('a')]);
      store.setOverrides('a', { pinned: ['b', 'c'], blocked: ['d'] });
      expect(store.getOverrides('a')).toEqual({ pinned: ['b', 'c'], blocked: ['d'] });
      expect(store.getOverrides('b')).toEqual({ pinned: [], blocked: [] });
    });

    it('throws MODEL_MISMATCH naming reindex --full when another model is claimed', () => {
      expect(store.vectorModel()).toEqual({ modelId: 'm1', dimensions: 4 });
      expect(() => store.claimVectorModel({ modelId: 'm2', dimensions: 4 })).toThrow(
        expect.objectContaining({
          code: 'MODEL_MISMATCH',
          detail: expect.stringContaining('morelike reindex --full'),
        }),
      );
      expect(() => store.claimVectorModel({ modelId: 'm1', dimensions: 4 })).not.toThrow();
    });

    it('replaces every vector and the model record at once', () => {
      store.upsertMany([record('a'), record('b')]);
      const vectors = new Map([
        ['a', new Float32Array([1, 0])],
        ['b', new Float32Array([0, 1])],
      ]);
      store.replaceVectors({ modelId: 'm2', dimensions: 2 }, vectors);
      expect(store.vectorModel()).toEqual({ modelId: 'm2', dimensions: 2 });
      expect(Array.from(store.getVector('b') ?? [])).toEqual([0, 1]);
    });

    it('changes nothing when a replacement vector is missing', () => {
      store.upsertMany([record('a'), record('b')]);
      const partial = new Map([['a', new Float32Array([1, 0])]]);
      expect(() => store.replaceVectors({ modelId: 'm2', dimensions: 2 }, partial)).toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
      expect(store.vectorModel()?.modelId).toBe('m1');
      expect(store.getVector('a')).toHaveLength(4);
    });

    it('grows the generation with every write that can change a related list', () => {
      const seen = [store.generation()];
      store.upsertMany([record('a')]);
      seen.push(store.generation());
      store.setOverrides('a', { pinned: [], blocked: ['b'] });
      seen.push(store.generation());
      store.delete('a');
      seen.push(store.generation());
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(new Set(seen).size).toBe(4);
    });

    it('lists the articles changed after a generation', () => {
      store.upsertMany([record('a'), record('b')]);
      const since = store.generation();
      store.upsertMany([record('c')]);
      store.delete('a');
      const changes = store.changesSince(since);
      expect(changes?.generation).toBe(store.generation());
      expect([...(changes?.articleIds ?? [])].sort()).toEqual(['a', 'c']);
      expect(store.changesSince(store.generation())?.articleIds).toEqual([]);
    });

    it('keeps metadata by key', () => {
      expect(store.getMeta('k')).toBeUndefined();
      store.setMeta('k', 'v1');
      store.setMeta('k', 'v2');
      expect(store.getMeta('k')).toBe('v2');
    });
  });
}
