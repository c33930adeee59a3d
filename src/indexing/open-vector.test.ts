import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots, type FakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { openVectorIndex } from './open-vector.js';

const MODEL = { modelId: 'm1', dimensions: 8 };

async function put(store: ArticleStore, id: string, seed: number): Promise<void> {
  await store.upsertMany([
    {
      article: parseArticle({ id, title: `Title ${id}` }),
      textHash: `h${seed}`,
      vector: unitVector(seed, 8),
      terms: { [`t${id}`]: 1 },
    },
  ]);
}

describe('opening the vector index', async () => {
  let store: ArticleStore;
  let snapshots: FakeSnapshots;
  let lines: string[];
  const deps = () => ({ store, snapshots, log: (line: string) => lines.push(line) });

  beforeEach(async () => {
    store = createMemoryStore();
    await store.claimVectorModel(MODEL);
    snapshots = createFakeSnapshots();
    lines = [];
    for (let i = 0; i < 5; i += 1) {
      await put(store, `a${i}`, i);
    }
  });

  it('rebuilds from the stored vectors and says why when there is no snapshot', async () => {
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(opened.index.size()).toBe(5);
    expect(opened.generation).toBe(await store.generation());
    expect(lines.join('\n')).toMatch(/rebuilt 5 vectors .* because no readable snapshot/);
  });

  it('opens a new, empty store as new and empty, not as a rebuild', async () => {
    const empty = createMemoryStore();
    await empty.claimVectorModel(MODEL);
    const opened = await openVectorIndex({ ...deps(), store: empty }, MODEL);
    expect(opened.source).toBe('new');
    expect(opened.index.size()).toBe(0);
    expect(lines).toEqual(['index: new, empty']);
  });

  it('loads a snapshot that matches the store', async () => {
    snapshots.save((await openVectorIndex(deps(), MODEL)).index, {
      generation: await store.generation(),
      modelId: 'm1',
    });
    lines = [];
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('snapshot');
    expect(opened.index.search(unitVector(3, 8), 1)[0]?.id).toBe('a3');
    expect(lines.join('\n')).toMatch(/loaded snapshot of 5 vectors/);
  });

  it('rebuilds when the snapshot is corrupt', async () => {
    snapshots.save((await openVectorIndex(deps(), MODEL)).index, {
      generation: await store.generation(),
      modelId: 'm1',
    });
    snapshots.corrupt('the graph file is corrupt (checksum differs)');
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/because the graph file is corrupt/);
  });

  it('rebuilds when the snapshot was built with another model', async () => {
    snapshots.save((await openVectorIndex(deps(), MODEL)).index, {
      generation: await store.generation(),
      modelId: 'm0',
    });
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/built with m0/);
  });

  it('catches a snapshot up with writes made after it, without a rebuild', async () => {
    snapshots.save((await openVectorIndex(deps(), MODEL)).index, {
      generation: await store.generation(),
      modelId: 'm1',
    });
    await put(store, 'late', 42);
    await store.delete('a0');
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('snapshot');
    expect(opened.index.has('late')).toBe(true);
    expect(opened.index.has('a0')).toBe(false);
    expect(lines.at(-1)).toMatch(/caught up 2 later store writes/);
  });

  it('rebuilds when the snapshot count disagrees with the store', async () => {
    const partial = snapshots.create(8, 16);
    partial.upsert('a0', unitVector(0, 8));
    snapshots.save(partial, { generation: await store.generation(), modelId: 'm1' });
    const opened = await openVectorIndex(deps(), MODEL);
    expect(opened.source).toBe('rebuilt');
    expect(lines.at(-1)).toMatch(/snapshot holds 1 vectors and the store 5/);
  });
});
