import { beforeEach, describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../articles/article.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createExactIndex } from '../vector-index/exact-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
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
  let index: VectorIndex;
  let embedder: ReturnType<typeof createFakeEmbedder>;
  let lexical: ReturnType<typeof createLexicalIndex>;
  let ingest: IngestService;

  beforeEach(() => {
    store = createMemoryStore();
    embedder = createFakeEmbedder({ dimensions: 16 });
    store.claimVectorModel({ modelId: embedder.modelId, dimensions: 16 });
    index = createExactIndex(16);
    lexical = createLexicalIndex();
    ingest = createIngest({ store, embedder, index, lexical, analyze: words });
  });

  it('stores, embeds and indexes new articles in one embedder call', async () => {
    const result = await ingest.upsert([
      article('a', 'Storm hits coast'),
      article('b', 'Cup final'),
    ]);
    expect(result).toEqual({ created: ['a', 'b'], updated: [], unchanged: [] });
    expect(embedder.calls).toBe(2);
    expect(store.count()).toBe(2);
    expect(index.search(store.getVector('a') ?? new Float32Array(16), 1)[0]?.id).toBe('a');
    expect(lexical.size()).toBe(2);
    expect(store.getTerms('a')).toMatchObject({ storm: 1, coast: 1 });
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
    expect(store.get('a')?.section).toBe('weather');
  });

  it('embeds again and updates an article whose text changed', async () => {
    await ingest.upsert([article('a', 'Storm hits coast')]);
    const before = store.getVector('a');
    const result = await ingest.upsert([article('a', 'Cup final won late')]);
    expect(result).toEqual({ created: [], updated: ['a'], unchanged: [] });
    expect(embedder.calls).toBe(2);
    expect(store.getVector('a')).not.toEqual(before);
    expect(index.size()).toBe(1);
  });

  it('keeps the last of two articles with the same id in one batch', async () => {
    const result = await ingest.upsert([article('a', 'First'), article('a', 'Second')]);
    expect(result.created).toEqual(['a']);
    expect(store.get('a')?.title).toBe('Second');
  });

  it('stores nothing when embedding fails', async () => {
    const failing = { ...embedder, embed: async () => [] };
    const broken = createIngest({ store, embedder: failing, index, lexical, analyze: words });
    await expect(broken.upsert([article('a', 'Storm')])).rejects.toMatchObject({
      code: 'EMBEDDING_FAILED',
    });
    expect(store.count()).toBe(0);
    expect(index.size()).toBe(0);
  });

  it('removes an article from the store and both indexes', async () => {
    await ingest.upsert([article('a', 'Storm hits coast'), article('b', 'Cup final')]);
    expect(ingest.remove('a')).toBe(true);
    expect(ingest.remove('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
    expect(index.has('a')).toBe(false);
    expect(lexical.size()).toBe(1);
  });

  it('brings the indexes up to date through sync when one is given', async () => {
    let syncs = 0;
    const synced = createIngest({
      store,
      embedder,
      index,
      lexical,
      analyze: words,
      sync: () => {
        syncs += 1;
      },
    });
    await synced.upsert([article('a', 'Storm')]);
    synced.remove('a');
    expect(syncs).toBe(2);
    expect(index.size()).toBe(0);
  });

  it('stores the detected language of an article sent without one', async () => {
    await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    expect(store.get('u')?.language).toBe('uk');
  });

  it('keeps a given language whatever detection would say', async () => {
    await ingest.upsert([article('g', 'Жодних військових', { language: 'ru' })]);
    expect(store.get('g')?.language).toBe('ru');
  });

  it('counts an article sent again without language as unchanged', async () => {
    await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    const again = await ingest.upsert([article('u', 'Жодних військових НАТО в Україні')]);
    expect(again.unchanged).toEqual(['u']);
    expect(again.updated).toEqual([]);
  });
});
