import { beforeEach, describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../articles/article.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import type { ArticleRecord, ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createIngest } from './ingest.js';
import type { IngestService } from './types.js';

const words = (input: { title: string; body: string; language?: string | undefined }) => ({
  terms: Object.fromEntries(
    `${input.title} ${input.body}`
      .toLowerCase()
      .split(/\W+/)
      .filter(Boolean)
      .map((w) => [w, 1]),
  ),
  language: input.language ?? (/[а-яіїє]/iu.test(input.title) ? 'uk' : 'en'),
});

const article = (id: string, title: string, extra: Partial<Article> = {}) =>
  parseArticle({ id, title, body: `${title} body`, ...extra });

describe('ingest', () => {
  let store: ArticleStore;
  let embedder: ReturnType<typeof createFakeEmbedder>;
  let ingest: IngestService;
  /** What each write handed to the indexing room (undefined: catch up from the store). */
  let indexed: (readonly ArticleRecord[] | undefined)[];
  const room = async (written?: readonly ArticleRecord[]) => {
    indexed.push(written);
  };

  beforeEach(async () => {
    store = createMemoryStore();
    embedder = createFakeEmbedder({ dimensions: 16 });
    await store.claimVectorModel({ modelId: embedder.modelId, dimensions: 16 });
    indexed = [];
    ingest = createIngest({ store, embedder, analyze: words, indexed: room });
  });

  it('stores and embeds new articles in one embedder call, then hands them to the indexing room', async () => {
    const result = await ingest.upsert([
      article('a', 'Storm hits coast'),
      article('b', 'Cup final'),
    ]);
    expect(result).toEqual({ created: ['a', 'b'], updated: [], unchanged: [] });
    expect(embedder.calls).toBe(2);
    expect(await store.count()).toBe(2);
    expect(await store.getTerms('a')).toMatchObject({ storm: 1, coast: 1 });
    expect(indexed).toHaveLength(1);
    const written = indexed[0] ?? [];
    expect(written.map((r) => r.article.id)).toEqual(['a', 'b']);
    expect(Array.from(written[0]?.vector ?? [])).toEqual(
      Array.from((await store.getVector('a')) ?? []),
    );
    expect(written[0]?.terms).toEqual(await store.getTerms('a'));
  });

  it('does not embed again an article whose embedding text is unchanged', async () => {
    await ingest.upsert([article('a', 'Storm hits coast'), article('b', 'Cup final')]);
    const result = await ingest.upsert([
      article('a', 'Storm hits coast'),
      article('b', 'Cup final'),
    ]);
    expect(embedder.calls).toBe(2);
    expect(result).toEqual({ created: [], updated: [], unchanged: ['a', 'b'] });
  });

  it('stores new metadata of an unchanged text without embedding it', async () => {
    await ingest.upsert([article('a', 'Storm hits coast')]);
    const result = await ingest.upsert([article('a', 'Storm hits coast', { section: 'weather' })]);
    expect(embedder.calls).toBe(1);
    expect(result.unchanged).toEqual(['a']);
    expect((await store.get('a'))?.section).toBe('weather');
  });

  it('embeds again and updates an article whose text changed', async () => {
    await ingest.upsert([article('a', 'Storm hits coast')]);
    const before = await store.getVector('a');
    const result = await ingest.upsert([article('a', 'Cup final won late')]);
    expect(result).toEqual({ created: [], updated: ['a'], unchanged: [] });
    expect(embedder.calls).toBe(2);
    expect(await store.getVector('a')).not.toEqual(before);
    expect(indexed.at(-1)?.map((r) => r.article.id)).toEqual(['a']);
  });

  it('keeps the last of two articles with the same id in one batch', async () => {
    const result = await ingest.upsert([article('a', 'First'), article('a', 'Second')]);
    expect(result.created).toEqual(['a']);
    expect((await store.get('a'))?.title).toBe('Second');
  });

  it('stores nothing when embedding fails', async () => {
    const failing = { ...embedder, embed: async () => [] };
    const broken = createIngest({ store, embedder: failing, analyze: words, indexed: room });
    await expect(broken.upsert([article('a', 'Storm')])).rejects.toMatchObject({
      code: 'EMBEDDING_FAILED',
    });
    expect(await store.count()).toBe(0);
    expect(indexed).toEqual([]);
  });

  it('removes an article from the store, then has the indexing room catch up', async () => {
    await ingest.upsert([article('a', 'Storm hits coast'), article('b', 'Cup final')]);
    expect(await ingest.remove('a')).toBe(true);
    expect(await ingest.remove('a')).toBe(false);
    expect(await store.get('a')).toBeUndefined();
    expect(indexed).toHaveLength(2);
    expect(indexed[1]).toBeUndefined();
  });

  it('answers only once the indexing room has the write', async () => {
    let release = () => {};
    const slow = createIngest({
      store,
      embedder,
      analyze: words,
      indexed: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    let done = false;
    const upsert = slow.upsert([article('a', 'Storm')]).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release();
    await upsert;
    expect(done).toBe(true);
  });

  it('stores the detected language of an article sent without one', async () => {
    await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    expect((await store.get('u'))?.language).toBe('uk');
  });

  it('keeps a given language whatever detection would say', async () => {
    await ingest.upsert([article('g', 'Жодних військових', { language: 'ru' })]);
    expect((await store.get('g'))?.language).toBe('ru');
  });

  it('counts an article sent again without language as unchanged', async () => {
    await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    const again = await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    expect(again.unchanged).toEqual(['u']);
    expect(again.updated).toEqual([]);
  });
});
