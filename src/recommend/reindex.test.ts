import { describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createIngest } from './ingest.js';
import { type ReindexRecord, type Reject, reembedAll, runReindex } from './reindex.js';

function setup(dimensions = 8) {
  const store = createMemoryStore();
  const embedder = createFakeEmbedder({ dimensions });
  store.claimVectorModel({ modelId: embedder.modelId, dimensions });
  const ingest = createIngest({
    store,
    embedder,
    analyze: () => ({ terms: {}, language: 'en' }),
    indexed: async () => {},
  });
  return { store, embedder, ingest };
}

async function* records(items: ReindexRecord[]): AsyncGenerator<ReindexRecord> {
  yield* items;
}

const good = (n: number): ReindexRecord => ({
  line: n,
  value: { id: `a${n}`, title: `Title ${n}` },
});

describe('runReindex', () => {
  it('stores the valid records in batches and reports each reject with its line', async () => {
    const { store, ingest } = setup();
    const rejects: Reject[] = [];
    const batches: number[] = [];
    const counts = await runReindex(
      records([
        good(1),
        { line: 2, error: 'not valid JSON (Unexpected token)' },
        { line: 3, value: { id: 'bad id!', title: '' } },
        good(4),
        good(5),
      ]),
      ingest,
      { batchSize: 2, onReject: (r) => rejects.push(r), onProgress: (c) => batches.push(c.read) },
    );
    expect(counts).toEqual({ read: 5, created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(await store.count()).toBe(3);
    expect(rejects.map((r) => r.line)).toEqual([2, 3]);
    expect(rejects[1]).toMatchObject({ id: 'bad id!' });
    expect(rejects[1]?.errors.map((e) => e.field).sort()).toEqual(['id', 'title']);
    expect(batches.length).toBeGreaterThanOrEqual(2);
  });

  it('finishes a run that was interrupted without duplicates or re-embedding', async () => {
    const { store, embedder, ingest } = setup();
    const all = Array.from({ length: 10 }, (_, i) => good(i + 1));
    await runReindex(records(all.slice(0, 6)), ingest, { batchSize: 3 });
    const counts = await runReindex(records(all), ingest, { batchSize: 3 });
    expect(await store.count()).toBe(10);
    expect(embedder.calls).toBe(10);
    expect(counts).toMatchObject({ created: 4, unchanged: 6 });
  });
});

describe('reembedAll', () => {
  it('replaces every vector and the model record with the new model', async () => {
    const { store, ingest } = setup(8);
    await runReindex(records([good(1), good(2)]), ingest, { batchSize: 10 });
    const next = createFakeEmbedder({ dimensions: 4, modelId: 'next-model' });
    const done: number[] = [];
    const count = await reembedAll({ store, embedder: next }, 1, (n) => done.push(n));
    expect(count).toBe(2);
    expect(done).toEqual([1, 2]);
    expect(await store.vectorModel()).toEqual({ modelId: 'next-model', dimensions: 4 });
    expect(await store.getVector('a1')).toHaveLength(4);
  });
});
