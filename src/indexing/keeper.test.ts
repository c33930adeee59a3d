import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import { createLexicalIndex, type MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleRecord, ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createHeldArticles } from './held-articles.js';
import { createKeeper, type Keeper } from './keeper.js';
import { buildLexicalIndex } from './open-lexical.js';
import { openVectorIndex } from './open-vector.js';

const MODEL = { modelId: 'm1', dimensions: 8 };

const record = (id: string, seed: number): ArticleRecord => ({
  article: parseArticle({ id, title: `Title ${id}` }),
  textHash: `h${seed}`,
  vector: unitVector(seed, 8),
  terms: { [`t${id}`]: 1, shared: 1 },
});

const put = (store: ArticleStore, id: string, seed: number) => store.upsertMany([record(id, seed)]);

/** A keeper over `store` with fake snapshots, keeping `lexical` (empty by default) in step. */
async function keeperOver(store: ArticleStore, lexical?: MemoryLexicalIndex): Promise<Keeper> {
  const deps = { store, snapshots: createFakeSnapshots(), log: () => {} };
  const opened = await openVectorIndex(deps, MODEL);
  const held = createHeldArticles(undefined);
  await held.load(store, opened.generation);
  return createKeeper(
    { ...deps, held, model: MODEL, moved: () => {} },
    { ...opened, lexical: lexical ?? createLexicalIndex() },
  );
}

describe('keeper: a write of this process', () => {
  let store: ArticleStore;
  let reads: number;
  let keeper: Keeper;

  beforeEach(async () => {
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
    await store.claimVectorModel(MODEL);
    keeper = await keeperOver(store);
  });

  it('applies its own write from the records, without reading them back', async () => {
    const written = [record('a', 1), record('b', 2)];
    const { generation } = await store.upsertMany(written);
    await keeper.written(written, generation);
    expect(reads).toBe(0);
    expect(keeper.generation()).toBe(await store.generation());
    expect(keeper.index.search(unitVector(2, 8), 1)[0]?.id).toBe('b');
    expect(keeper.lexical.query({ ta: 1 }).match('a').similarity).toBeGreaterThan(0);
  });

  it('reads the change log instead when another write came in between', async () => {
    await store.upsertMany([record('x', 3)]);
    const written = [record('a', 1)];
    const { generation } = await store.upsertMany(written);
    await keeper.written(written, generation);
    expect(reads).toBeGreaterThan(0);
    expect(keeper.index.size()).toBe(2);
    expect(keeper.index.search(unitVector(3, 8), 1)[0]?.id).toBe('x');
    expect(keeper.generation()).toBe(await store.generation());
  });

  it('keeps a later write when a change notice applied its own write first', async () => {
    // Two writes in flight: ours commits, a change notice catches it up, the next write commits,
    // and only then does ours report back. The next write must not be taken for ours.
    const ours = [record('a', 1)];
    const { generation } = await store.upsertMany(ours);
    await keeper.catchUp();
    await store.upsertMany([record('b', 2)]);
    await keeper.written(ours, generation);
    expect(keeper.index.has('b')).toBe(true);
    expect(keeper.index.size()).toBe(2);
    expect(keeper.generation()).toBe(await store.generation());
  });

  it('keeps a later write of the same article when a change notice applied its own first', async () => {
    // Another server wrote the same id after ours: same ids, one generation later. Its version
    // is the stored one and must stay, though ours reports back after it.
    const ours = [record('a', 1)];
    const { generation } = await store.upsertMany(ours);
    await keeper.catchUp();
    await store.upsertMany([record('a', 2)]);
    await keeper.written(ours, generation);
    const held = Array.from(keeper.index.vector('a')?.vector ?? []);
    expect(held.map((x) => x.toFixed(5))).toEqual(
      Array.from(unitVector(2, 8), (x) => x.toFixed(5)),
    );
    expect(keeper.generation()).toBe(await store.generation());
  });

  it('counts every swap of the vector index, none for an ordinary catch-up', async () => {
    const written = [record('a', 1)];
    const { generation } = await store.upsertMany(written);
    await keeper.written(written, generation);
    expect(keeper.swaps()).toBe(0);
    await keeper.rebuild('a test swap');
    expect(keeper.swaps()).toBe(1);
    expect(keeper.index.has('a')).toBe(true);
  });
});

describe('keeper: catching up', () => {
  it('applies writes another process made to the store', async () => {
    const store = createMemoryStore();
    await store.claimVectorModel(MODEL);
    await put(store, 'a', 1);
    const keeper = await keeperOver(store);
    await put(store, 'b', 2);
    await store.delete('a');
    await keeper.catchUp();
    expect(keeper.index.search(unitVector(2, 8), 5).map((n) => n.id)).toEqual(['b']);
    expect(keeper.lexical.size()).toBe(1);
    expect(keeper.generation()).toBe(await store.generation());
  });

  it('without a follower, fails a catch-up with MODEL_MISMATCH and keeps its index', async () => {
    const store = createMemoryStore();
    await store.claimVectorModel(MODEL);
    await put(store, 'a', 1);
    const keeper = await keeperOver(store);
    await store.replaceVectors(
      { modelId: 'm2', dimensions: 2 },
      new Map([['a', new Float32Array(2)]]),
    );
    await expect(keeper.catchUp()).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
    expect(keeper.index.size()).toBe(1);
    expect(keeper.index.dimensions).toBe(8);
  });

  it('swaps in a rebuilt index holding every stored vector', async () => {
    const store = createMemoryStore();
    await store.claimVectorModel(MODEL);
    await put(store, 'a', 1);
    const keeper = await keeperOver(store);
    await put(store, 'b', 2);
    await keeper.rebuild('asked');
    const current = await keeper.exclusive(async (c) => c);
    expect(current.generation).toBe(await store.generation());
    expect(keeper.index.has('a')).toBe(true);
    expect(keeper.index.has('b')).toBe(true);
    expect(keeper.lexical.size()).toBe(1);
  });

  it('rebuilds the lexical index with the vector index when the change log no longer reaches back', async () => {
    const memory = createMemoryStore();
    let gap = false;
    const store: ArticleStore = {
      ...memory,
      changesSince: (since) => (gap ? Promise.resolve(undefined) : memory.changesSince(since)),
    };
    await store.claimVectorModel(MODEL);
    await put(store, 'a', 1);
    const keeper = await keeperOver(store, await buildLexicalIndex(store));
    await put(store, 'b', 2);
    await store.delete('a');
    gap = true;
    await keeper.catchUp();
    expect(keeper.index.search(unitVector(2, 8), 5).map((n) => n.id)).toEqual(['b']);
    expect(keeper.swaps()).toBe(1);
    expect(keeper.lexical.size()).toBe(1);
    expect(keeper.lexical.between('b', 'b')).toBeGreaterThan(0.99);
    expect(keeper.lexical.between('a', 'a')).toBe(0);
  });

  it('runs one catch-up for a burst of change notices', async () => {
    const memory = createMemoryStore();
    let logReads = 0;
    const store: ArticleStore = {
      ...memory,
      changesSince(since) {
        logReads += 1;
        return memory.changesSince(since);
      },
    };
    await store.claimVectorModel(MODEL);
    const keeper = await keeperOver(store);
    logReads = 0;
    await put(store, 'a', 1);
    await Promise.all([keeper.catchUp(), keeper.catchUp(), keeper.catchUp()]);
    expect(logReads).toBe(1);
    expect(keeper.index.has('a')).toBe(true);
  });
});
