import { describe, expect, it } from 'vitest';
import {
  describeVectorIndexContract,
  unitVector,
} from '../../test/helpers/vector-index-contract.js';
import { createExactIndex } from './exact-index.js';
import { createHnswIndex } from './hnsw-index.js';

describeVectorIndexContract('HNSW index', (dimensions) => createHnswIndex(dimensions, 16));

describe('HNSW index', () => {
  it('grows its capacity as vectors arrive', () => {
    const index = createHnswIndex(8, 16);
    for (let i = 0; i < 100; i += 1) {
      index.upsert(`a${i}`, unitVector(i, 8));
    }
    expect(index.size()).toBe(100);
    expect(index.capacity()).toBeGreaterThanOrEqual(100);
    expect(index.search(unitVector(99, 8), 1)[0]?.id).toBe('a99');
  });

  it('reuses the slots of removed vectors instead of growing', () => {
    const index = createHnswIndex(8, 16);
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 16; i += 1) {
        index.upsert(`r${round}-${i}`, unitVector(round * 100 + i, 8));
      }
      for (let i = 0; i < 16; i += 1) {
        index.remove(`r${round}-${i}`);
      }
    }
    expect(index.size()).toBe(0);
    expect(index.capacity()).toBe(16);
  });

  it('recalls at least 95% of the exact top 10', () => {
    const dims = 32;
    const hnsw = createHnswIndex(dims, 64);
    const exact = createExactIndex(dims);
    for (let i = 0; i < 2000; i += 1) {
      hnsw.upsert(`a${i}`, unitVector(i, dims));
      exact.upsert(`a${i}`, unitVector(i, dims));
    }
    let found = 0;
    for (let q = 0; q < 50; q += 1) {
      const query = unitVector(10_000 + q, dims);
      const truth = new Set(exact.search(query, 10).map((n) => n.id));
      found += hnsw.search(query, 10).filter((n) => truth.has(n.id)).length;
    }
    expect(found / 500).toBeGreaterThanOrEqual(0.95);
  });
});
