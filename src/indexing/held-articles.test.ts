import { describe, expect, it } from 'vitest';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import type { ArticleRecord, ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createHeldArticles } from './held-articles.js';

const record = (id: string): ArticleRecord => ({
  article: parseArticle({ id, title: `Title ${id}` }),
  textHash: `h-${id}`,
  vector: unitVector(id.length, 8),
  terms: { [`t${id}`]: 1 },
});

/** `store` whose overrides are read only once `open` is called: a slow database. */
function gated(store: ArticleStore): { store: ArticleStore; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const slow: ArticleStore = Object.create(store);
  slow.overrides = async function* () {
    await opened;
    yield* store.overrides();
  };
  return { store: slow, open };
}

describe('held articles', () => {
  it('go on answering from what they held while a rebuild reads them again', async () => {
    const store = createMemoryStore();
    await store.upsertMany([record('a'), record('b')]);
    await store.setOverrides('a', { pinned: ['b'], blocked: [] });
    const held = createHeldArticles(undefined);
    await held.load(store, await store.generation());

    const slow = gated(store);
    const reloading = held.load(slow.store, await store.generation());
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Mid-load: the old indexes still serve, so their articles, terms and pins must be there.
    expect(held.get('a')?.title).toBe('Title a');
    expect(held.getTerms('b')).toEqual({ tb: 1 });
    expect(held.getOverrides('a').pinned).toEqual(['b']);
    slow.open();
    await reloading;
    expect(held.get('b')?.title).toBe('Title b');
    expect(held.getOverrides('a').pinned).toEqual(['b']);
  });
});
