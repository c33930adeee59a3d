import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import { buildLexicalIndex } from '../lexical/lexical-snapshot-open.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleRecord, ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createIndexKeeper, type IndexKeeper } from './index-keeper.js';
import { openIndex } from './index-lifecycle.js';

const MODEL = { modelId: 'm1', dimensions: 8 };

const record = (id: string, seed: number): ArticleRecord => ({
  article: parseArticle({ id, title: `Title ${id}` }),
  textHash: `h${seed}`,
  vector: unitVector(seed, 8),
  terms: { [`t${id}`]: 1, shared: 1 },
});

describe('index keeper sync with the records just written', () => {
  let store: ArticleStore;
  let reads: number;
  let keeper: IndexKeeper;

  beforeEach(() => {
    const memory = createMemoryStore();
    reads = 0;
    store = {
      ...memory,
      getVector(id) {
        reads += 1;
        return memory.getVector(id);
      },
      getTerms(id) {
        reads += 1;
        return memory.getTerms(id);
      },
    };
    store.claimVectorModel(MODEL);
    const deps = { store, snapshots: createFakeSnapshots(), log: () => {} };
    const lexical = createLexicalIndex();
    keeper = createIndexKeeper(
      { ...deps, lexical, buildLexical: () => buildLexicalIndex(store), model: MODEL },
      openIndex(deps, MODEL),
    );
  });

  it('applies its own write from the records, without reading them back', () => {
    const written = [record('a', 1), record('b', 2)];
    store.upsertMany(written);
    keeper.sync(written);
    expect(reads).toBe(0);
    expect(keeper.generation()).toBe(store.generation());
    expect(keeper.index.search(unitVector(2, 8), 1)[0]?.id).toBe('b');
    expect(keeper.lexical.query({ ta: 1 }).match('a').similarity).toBeGreaterThan(0);
  });

  it('reads the change log instead when another write came in between', () => {
    const other = [record('x', 3)];
    store.upsertMany(other);
    const written = [record('a', 1)];
    store.upsertMany(written);
    keeper.sync(written);
    expect(reads).toBeGreaterThan(0);
    expect(keeper.index.size()).toBe(2);
    expect(keeper.index.search(unitVector(3, 8), 1)[0]?.id).toBe('x');
    expect(keeper.generation()).toBe(store.generation());
  });

  it('counts every swap of the vector index, none for an ordinary catch-up', () => {
    const written = [record('a', 1)];
    store.upsertMany(written);
    keeper.sync(written);
    expect(keeper.swaps()).toBe(0);
    keeper.rebuild('a test swap');
    expect(keeper.swaps()).toBe(1);
    expect(keeper.index.has('a')).toBe(true);
  });
});
