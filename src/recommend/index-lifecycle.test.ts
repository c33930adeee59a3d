import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots, type FakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import { buildLexicalIndex } from '../lexical/lexical-snapshot-open.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createIndexKeeper } from './index-keeper.js';
import { openIndex } from './index-lifecycle.js';

const MODEL = { modelId: 'm1', dimensions: 8 };

function put(store: ArticleStore, id: string, seed: number): void {
  store.upsertMany([
    {
      article: parseArticle({ id, title: `Title ${id}` }),
      textHash: `h${seed}`,
      vector: unitVector(seed, 8),
      terms: { [`t${id}`]: 1 },
    },
  ]);
}

describe('index lifecycle', () => {
  let store: ArticleStore;
  let snapshots: FakeSnapshots;
  let lines: string[];
  const deps = () => ({ store, snapshots, log: (line: string) => lines.push(line) });

  beforeEach(() => {
    store = createMemoryStore();
    store.claimVectorModel(MODEL);
    snapshots = createFakeSnapshots();
    lines = [];
    for (let i = 0; i < 5; i += 1) {
      put(store, `a${i}`, i);
    }
  });

  it('rebuilds from the stored vectors and says why when there is no snapshot', () => {
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(opened.index.size()).toBe(5);
    expect(opened.generation).toBe(store.generation());
    expect(lines.join('\n')).toMatch(/rebuilt 5 vectors .* because no readable snapshot/);
  });

  it('opens a new, empty store as new and empty, not as a rebuild', () => {
    const empty = createMemoryStore();
    empty.claimVectorModel(MODEL);
    const opened = openIndex({ ...deps(), store: empty }, MODEL);
    expect(opened.source).toBe('new');
    expect(opened.index.size()).toBe(0);
    expect(lines).toEqual(['index: new, empty']);
  });

  it('loads a snapshot that matches the store', () => {
    snapshots.save(openIndex(deps(), MODEL).index, {
      generation: store.generation(),
      modelId: 'm1',
    });
    lines = [];
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('snapshot');
    expect(opened.index.search(unitVector(3, 8), 1)[0]?.id).toBe('a3');
    expect(lines.join('\n')).toMatch(/loaded snapshot of 5 vectors/);
  });

  it('rebuilds when the snapshot is corrupt', () => {
    snapshots.save(openIndex(deps(), MODEL).index, {
      generation: store.generation(),
      modelId: 'm1',
    });
    snapshots.corrupt('the graph file is corrupt (checksum differs)');
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/because the graph file is corrupt/);
  });

  it('rebuilds when the snapshot was built with another model', () => {
    snapshots.save(openIndex(deps(), MODEL).index, {
      generation: store.generation(),
      modelId: 'm0',
    });
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/built with m0/);
  });

  it('catches a snapshot up with writes made after it, without a rebuild', () => {
    snapshots.save(openIndex(deps(), MODEL).index, {
      generation: store.generation(),
      modelId: 'm1',
    });
    put(store, 'late', 42);
    store.delete('a0');
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('snapshot');
    expect(opened.index.has('late')).toBe(true);
    expect(opened.index.has('a0')).toBe(false);
    expect(lines.at(-1)).toMatch(/caught up 2 later store writes/);
  });

  it('rebuilds when the snapshot count disagrees with the store', () => {
    const partial = snapshots.create(8, 16);
    partial.upsert('a0', unitVector(0, 8));
    snapshots.save(partial, { generation: store.generation(), modelId: 'm1' });
    const opened = openIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/snapshot holds 1 vectors and the store 5/);
  });
});

/** A keeper over `store` with fake snapshots, keeping `lexical` (empty by default) in step. */
function keeperOver(store: ArticleStore, lexical = createLexicalIndex()) {
  const deps = { store, snapshots: createFakeSnapshots(), log: () => {} };
  return createIndexKeeper(
    { ...deps, lexical, buildLexical: () => buildLexicalIndex(store), model: MODEL },
    openIndex(deps, MODEL),
  );
}

describe('index keeper', () => {
  it('applies writes another process made to the store before answering', () => {
    const store = createMemoryStore();
    store.claimVectorModel(MODEL);
    put(store, 'a', 1);
    const keeper = keeperOver(store);
    put(store, 'b', 2);
    store.delete('a');
    expect(keeper.index.search(unitVector(2, 8), 5).map((n) => n.id)).toEqual(['b']);
    expect(keeper.lexical.size()).toBe(1);
    expect(keeper.generation()).toBe(store.generation());
  });

  it('refuses to answer with MODEL_MISMATCH once the store holds another model', () => {
    const store = createMemoryStore();
    store.claimVectorModel(MODEL);
    put(store, 'a', 1);
    const keeper = keeperOver(store);
    store.replaceVectors({ modelId: 'm2', dimensions: 2 }, new Map([['a', new Float32Array(2)]]));
    expect(() => keeper.index.size()).toThrow(expect.objectContaining({ code: 'MODEL_MISMATCH' }));
  });

  it('swaps in a rebuilt index and saves it as the snapshot', () => {
    const store = createMemoryStore();
    store.claimVectorModel(MODEL);
    put(store, 'a', 1);
    const keeper = keeperOver(store);
    keeper.rebuild('asked');
    const meta = keeper.save();
    expect(meta).toMatchObject({ generation: store.generation(), count: 1, modelId: 'm1' });
    expect(keeper.index.has('a')).toBe(true);
  });

  it('rebuilds the lexical index with the vector index when the change log no longer reaches back', () => {
    const memory = createMemoryStore();
    let gap = false;
    const store: ArticleStore = {
      ...memory,
      changesSince: (since) => (gap ? undefined : memory.changesSince(since)),
    };
    store.claimVectorModel(MODEL);
    put(store, 'a', 1);
    const keeper = keeperOver(store, buildLexicalIndex(store));
    put(store, 'b', 2);
    store.delete('a');
    gap = true;
    expect(keeper.index.search(unitVector(2, 8), 5).map((n) => n.id)).toEqual(['b']);
    expect(keeper.lexical.size()).toBe(1);
    expect(keeper.lexical.between('b', 'b')).toBeGreaterThan(0.99);
    expect(keeper.lexical.between('a', 'a')).toBe(0);
  });
});
