import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { describeArticleStoreContract, record } from '../../test/helpers/article-store-contract.js';
import { createMemoryStore } from './memory-store.js';
import { withWatchedGeneration } from './watched-generation.js';

// Writes through the wrapper are seen at once, so it keeps the whole store contract.
describeArticleStoreContract('memory store with a watched generation', () =>
  withWatchedGeneration(createMemoryStore(), 60_000),
);

describe('withWatchedGeneration', () => {
  it('reads the store once per period, so another writer shows only after it', async () => {
    const shared = createMemoryStore();
    const reader = withWatchedGeneration(shared, 60_000);
    const before = reader.generation();
    shared.upsertMany([record('a')]);
    expect(reader.generation()).toBe(before);
    const quick = withWatchedGeneration(shared, 20);
    const seen = quick.generation();
    shared.upsertMany([record('b')]);
    await sleep(30);
    expect(quick.generation()).toBeGreaterThan(seen);
  });

  it('reads the store again right after a write of its own', () => {
    const shared = createMemoryStore();
    const writer = withWatchedGeneration(shared, 60_000);
    const before = writer.generation();
    writer.upsertMany([record('a')]);
    expect(writer.generation()).toBeGreaterThan(before);
    expect(writer.generation()).toBe(shared.generation());
    writer.delete('a');
    expect(writer.generation()).toBe(shared.generation());
  });
});
