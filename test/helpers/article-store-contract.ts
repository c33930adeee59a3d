/**
 * The ArticleStore contract: one suite run against every store (memory, SQLite and any server
 * store), so the unit tests' fake behaves exactly like the production store.
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

/** Every item of `items`, in order. */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) {
    found.push(item);
  }
  return found;
}

/** Waits until `check` holds, polling every 10 ms; fails after `ms`. */
export async function eventually(check: () => boolean, ms = 1000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) {
      throw new Error(`not within ${ms} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs the contract against stores made by `open` (called once per test; `close` is called after). */
export function describeArticleStoreContract(
  name: string,
  open: () => ArticleStore | Promise<ArticleStore>,
  /** Another handle on the data of the store `open` made last (another process or server). */
  openSibling: () => ArticleStore | Promise<ArticleStore>,
): void {
  describe(`ArticleStore contract: ${name}`, () => {
    let store: ArticleStore;
    beforeEach(async () => {
      store = await open();
      await store.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    });
    afterEach(() => store.close());

    it('tells onChange listeners of a write through another handle within a second', async () => {
      const sibling = await openSibling();
      let told = 0;
      const stop = store.onChange(() => {
        told += 1;
      });
      await sibling.upsertMany([record('a')]);
      await eventually(() => told > 0, 1000);
      stop();
      expect((await store.changesSince(0))?.articleIds).toEqual(['a']);
      await sibling.close();
    });

    it('stores new articles and reports them as created', async () => {
      const result = await store.upsertMany([record('a'), record('b')]);
      // The generation the write committed as: the store's generation right after it.
      expect(result).toEqual({
        created: ['a', 'b'],
        updated: [],
        generation: await store.generation(),
      });
      expect(await store.count()).toBe(2);
      expect(await store.get('a')).toEqual(article('a'));
      expect(Array.from((await store.getVector('b')) ?? [])).toEqual([1, 1, 0.5, -1]);
    });

    it('replaces an existing article and reports it as updated', async () => {
      await store.upsertMany([record('a')]);
      const result = await store.upsertMany([record('a', { title: 'New title' }, 2)]);
      expect(result).toEqual({ created: [], updated: ['a'], generation: await store.generation() });
      expect(await store.count()).toBe(1);
      expect((await store.get('a'))?.title).toBe('New title');
      expect(await store.textHashes(['a', 'zz'])).toEqual(new Map([['a', 'hash-a-2']]));
      expect(await all(store.terms())).toEqual([{ id: 'a', terms: { a: 2 } }]);
      expect(await store.getTerms('a')).toEqual({ a: 2 });
      expect(await store.getTerms('zz')).toBeUndefined();
    });

    it('stores nothing of a batch that holds a wrong-length vector', async () => {
      const bad = { ...record('b'), vector: new Float32Array(3) };
      await expect(store.upsertMany([record('a'), bad])).rejects.toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
      expect(await store.count()).toBe(0);
    });

    it('deletes an article with its vector and overrides', async () => {
      await store.upsertMany([record('a'), record('b')]);
      await store.setOverrides('a', { pinned: ['b'], blocked: [] });
      expect(await store.delete('a')).toBe(true);
      expect(await store.delete('a')).toBe(false);
      expect(await store.get('a')).toBeUndefined();
      expect(await store.getVector('a')).toBeUndefined();
      expect(await store.getOverrides('a')).toEqual({ pinned: [], blocked: [] });
      expect((await all(store.vectors())).map((v) => v.id)).toEqual(['b']);
    });

    it('returns only the found articles of getMany', async () => {
      await store.upsertMany([record('a'), record('b')]);
      expect([...(await store.getMany(['b', 'x', 'a'])).keys()].sort()).toEqual(['a', 'b']);
    });

    it('gives headers of the found ids without the body, everything else as stored', async () => {
      await store.upsertMany([record('a'), record('b')]);
      const headers = await store.getHeaders(['b', 'x', 'a', 'it\'s "odd"']);
      expect([...headers.keys()].sort()).toEqual(['a', 'b']);
      const { body: _body, ...expected } = (await store.get('a')) ?? { body: '' };
      expect(headers.get('a')).toEqual(expected);
      expect(headers.get('a')).not.toHaveProperty('body');
    });

    it('lists every article, vector and terms entry', async () => {
      await store.upsertMany([record('a'), record('b'), record('c')]);
      expect((await all(store.articles())).map((a) => a.id)).toEqual(['a', 'b', 'c']);
      expect((await all(store.vectors())).map((v) => v.vector.length)).toEqual([4, 4, 4]);
      expect((await all(store.terms())).map((t) => t.id)).toEqual(['a', 'b', 'c']);
    });

    it('scans every article once, in the order of vectors() and terms(), texts unparsed', async () => {
      await store.upsertMany([record('c'), record('a', {}, 2), record('b')]);
      await store.delete('a');
      await store.upsertMany([record('a', {}, 3), record('c', { title: 'Again' })]);
      const pages = await all(store.scan({ articles: true }));
      const scanned = pages.flat();
      expect(scanned.map((s) => s.id)).toEqual((await all(store.vectors())).map((v) => v.id));
      expect(scanned.map((s) => s.id)).toEqual((await all(store.terms())).map((t) => t.id));
      for (const row of scanned) {
        expect(JSON.parse(row.terms)).toEqual(await store.getTerms(row.id));
        expect(JSON.parse(row.json ?? '')).toEqual(await store.get(row.id));
        expect([...row.vector]).toEqual([...((await store.getVector(row.id)) ?? [])]);
      }
      const bare = (await all(store.scan({ articles: false }))).flat();
      expect(bare.map((s) => s.id)).toEqual(scanned.map((s) => s.id));
      expect(bare.every((s) => s.json === undefined)).toBe(true);
    });

    it('finds titles holding every query word, or ids starting with the query', async () => {
      await store.upsertMany([
        record('n-1', { title: 'NATO sends peacekeepers' }),
        record('n-2', { title: 'Peacekeepers leave Kosovo' }),
        record('x-9', { title: 'Cocoa prices fall' }),
      ]);
      expect((await store.searchTitles('peacekeepers', 10)).map((a) => a.id)).toEqual([
        'n-1',
        'n-2',
      ]);
      expect((await store.searchTitles('nato PEACEKEEPERS', 10)).map((a) => a.id)).toEqual(['n-1']);
      expect((await store.searchTitles('x-', 10)).map((a) => a.id)).toEqual(['x-9']);
      expect(await store.searchTitles('peacekeepers', 1)).toHaveLength(1);
      expect(await store.searchTitles('50%', 10)).toEqual([]);
    });

    it('keeps overrides per source article', async () => {
      await store.upsertMany([record('a')]);
      await store.setOverrides('a', { pinned: ['b', 'c'], blocked: ['d'] });
      expect(await store.getOverrides('a')).toEqual({ pinned: ['b', 'c'], blocked: ['d'] });
      expect(await store.getOverrides('b')).toEqual({ pinned: [], blocked: [] });
    });

    it('throws MODEL_MISMATCH naming reindex --full when another model is claimed', async () => {
      expect(await store.vectorModel()).toEqual({ modelId: 'm1', dimensions: 4 });
      await expect(store.claimVectorModel({ modelId: 'm2', dimensions: 4 })).rejects.toThrow(
        expect.objectContaining({
          code: 'MODEL_MISMATCH',
          detail: expect.stringContaining('morelike reindex --full'),
        }),
      );
      await expect(
        store.claimVectorModel({ modelId: 'm1', dimensions: 4 }),
      ).resolves.toBeUndefined();
    });

    it('replaces every vector and the model record at once', async () => {
      await store.upsertMany([record('a'), record('b')]);
      const vectors = new Map([
        ['a', new Float32Array([1, 0])],
        ['b', new Float32Array([0, 1])],
      ]);
      await store.replaceVectors({ modelId: 'm2', dimensions: 2 }, vectors);
      expect(await store.vectorModel()).toEqual({ modelId: 'm2', dimensions: 2 });
      expect(Array.from((await store.getVector('b')) ?? [])).toEqual([0, 1]);
    });

    it('changes nothing when a replacement vector is missing', async () => {
      await store.upsertMany([record('a'), record('b')]);
      const partial = new Map([['a', new Float32Array([1, 0])]]);
      await expect(store.replaceVectors({ modelId: 'm2', dimensions: 2 }, partial)).rejects.toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
      expect((await store.vectorModel())?.modelId).toBe('m1');
      expect(await store.getVector('a')).toHaveLength(4);
    });

    it('grows the generation with every write that can change a related list', async () => {
      const seen = [await store.generation()];
      await store.upsertMany([record('a')]);
      seen.push(await store.generation());
      await store.setOverrides('a', { pinned: [], blocked: ['b'] });
      seen.push(await store.generation());
      await store.delete('a');
      seen.push(await store.generation());
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(new Set(seen).size).toBe(4);
    });

    it('lists the articles changed after a generation', async () => {
      await store.upsertMany([record('a'), record('b')]);
      const since = await store.generation();
      await store.upsertMany([record('c')]);
      await store.delete('a');
      const changes = await store.changesSince(since);
      expect(changes?.generation).toBe(await store.generation());
      expect([...(changes?.articleIds ?? [])].sort()).toEqual(['a', 'c']);
      expect((await store.changesSince(await store.generation()))?.articleIds).toEqual([]);
    });

    it('lists every stored overrides record, and none of a deleted article', async () => {
      await store.upsertMany([record('a'), record('b')]);
      await store.setOverrides('a', { pinned: ['b'], blocked: [] });
      await store.setOverrides('b', { pinned: [], blocked: ['a'] });
      await store.delete('b');
      expect(await all(store.overrides())).toEqual([
        { id: 'a', overrides: { pinned: ['b'], blocked: [] } },
      ]);
    });

    it('lists the overrides changed after a generation apart from the articles', async () => {
      await store.upsertMany([record('a')]);
      const since = await store.generation();
      await store.setOverrides('a', { pinned: [], blocked: ['b'] });
      const changes = await store.changesSince(since);
      expect(changes?.overrideIds).toEqual(['a']);
      expect(changes?.articleIds).toEqual([]);
    });

    it('calls onChange listeners after a write, and no more once unsubscribed', async () => {
      let calls = 0;
      const stop = store.onChange(() => {
        calls += 1;
      });
      await store.upsertMany([record('a')]);
      await eventually(() => calls > 0);
      stop();
      const seen = calls;
      await store.upsertMany([record('b')]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls).toBe(seen);
    });

    it('keeps metadata by key', async () => {
      expect(await store.getMeta('k')).toBeUndefined();
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
    });
  });
}
