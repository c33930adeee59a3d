/**
 * The VectorIndex contract, run against every index (exact and HNSW): the same answers on small
 * inputs, where HNSW is exact.
 */
import { describe, expect, it } from 'vitest';
import type { VectorIndex } from '../../src/vector-index/vector-index.js';
import { squaredNorm } from '../../src/vectors.js';

/** A deterministic pseudo-random unit vector. */
export function unitVector(seed: number, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  let norm = 0;
  for (let i = 0; i < dimensions; i += 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const value = state / 0xffffffff - 0.5;
    vector[i] = value;
    norm += value * value;
  }
  return vector.map((value) => value / Math.sqrt(norm));
}

const DIMS = 8;
const v = (seed: number) => unitVector(seed, DIMS);

/** Runs the contract against indexes made by `create(dimensions)`. */
export function describeVectorIndexContract(
  name: string,
  create: (dimensions: number) => VectorIndex,
): void {
  describe(`VectorIndex contract: ${name}`, () => {
    it('finds an inserted vector as its own nearest neighbour', () => {
      const index = create(DIMS);
      for (let i = 0; i < 20; i += 1) {
        index.upsert(`a${i}`, v(i));
      }
      expect(index.size()).toBe(20);
      const [top] = index.search(v(7), 3);
      expect(top?.id).toBe('a7');
      expect(top?.similarity).toBeCloseTo(1, 5);
    });

    it('orders neighbours most similar first', () => {
      const index = create(DIMS);
      for (let i = 0; i < 20; i += 1) {
        index.upsert(`a${i}`, v(i));
      }
      const sims = index.search(v(3), 10).map((n) => n.similarity);
      expect(sims).toEqual([...sims].sort((a, b) => b - a));
    });

    it('replaces the vector of an upserted id', () => {
      const index = create(DIMS);
      index.upsert('a', v(1));
      index.upsert('b', v(2));
      index.upsert('a', v(3));
      expect(index.size()).toBe(2);
      expect(index.search(v(3), 1)[0]?.id).toBe('a');
      expect(index.search(v(1), 2).find((n) => n.id === 'a')?.similarity).toBeLessThan(0.999);
    });

    it('gives back each stored vector exactly, with its squared norm, and nothing once removed', () => {
      const index = create(DIMS);
      const raw = Float32Array.from({ length: DIMS }, (_, d) => (d + 1) / 3);
      index.upsert('a', raw);
      index.upsert('b', v(2));
      index.upsert('b', v(5));
      expect(Array.from(index.vector('a')?.vector ?? [])).toEqual(Array.from(raw));
      expect(index.vector('a')?.norm).toBe(squaredNorm(raw));
      expect(Array.from(index.vector('b')?.vector ?? [])).toEqual(Array.from(v(5)));
      index.remove('a');
      index.upsert('c', v(7));
      expect(index.vector('a')).toBeUndefined();
      expect(Array.from(index.vector('c')?.vector ?? [])).toEqual(Array.from(v(7)));
      expect(Array.from(index.vector('b')?.vector ?? [])).toEqual(Array.from(v(5)));
    });

    it('never answers a removed id', () => {
      const index = create(DIMS);
      for (let i = 0; i < 10; i += 1) {
        index.upsert(`a${i}`, v(i));
      }
      expect(index.remove('a4')).toBe(true);
      expect(index.remove('a4')).toBe(false);
      expect(index.has('a4')).toBe(false);
      expect(index.size()).toBe(9);
      expect(index.search(v(4), 10).map((n) => n.id)).not.toContain('a4');
    });

    it('answers again for a removed id that is upserted anew', () => {
      const index = create(DIMS);
      index.upsert('a', v(1));
      index.remove('a');
      index.upsert('a', v(2));
      expect(index.search(v(2), 1)[0]?.id).toBe('a');
    });

    it('keeps k answers under a filter when enough accepted vectors exist', () => {
      const index = create(DIMS);
      for (let i = 0; i < 40; i += 1) {
        index.upsert(`${i % 2 === 0 ? 'even' : 'odd'}${i}`, v(i));
      }
      const hits = index.search(v(0), 5, (id) => id.startsWith('odd'));
      expect(hits).toHaveLength(5);
      expect(hits.every((n) => n.id.startsWith('odd'))).toBe(true);
    });

    it('finds the few accepted vectors when a filter drops nearly all, and only drops rejected ones', () => {
      const index = create(DIMS);
      for (let i = 0; i < 200; i += 1) {
        index.upsert(`a${i}`, v(i));
      }
      const rare = index.search(v(0), 10, (id) => id.length <= 3 && id.endsWith('7'));
      expect(rare.map((n) => n.id).sort()).toEqual(
        ['a7', 'a17', 'a27', 'a37', 'a47', 'a57', 'a67', 'a77', 'a87', 'a97'].sort(),
      );
      const all = index.search(v(3), 6).map((n) => n.id);
      const withoutTop = index.search(v(3), 5, (id) => id !== all[0]).map((n) => n.id);
      expect(withoutTop).toEqual(all.slice(1));
    });

    it('answers fewer than k when the index holds fewer', () => {
      const index = create(DIMS);
      expect(index.search(v(1), 5)).toEqual([]);
      index.upsert('a', v(1));
      expect(index.search(v(1), 5).map((n) => n.id)).toEqual(['a']);
    });

    it('throws DIMENSION_MISMATCH for a wrong-length vector', () => {
      const index = create(DIMS);
      expect(() => index.upsert('a', new Float32Array(3))).toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
      expect(() => index.search(new Float32Array(3), 1)).toThrow(
        expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
      );
    });
  });
}
