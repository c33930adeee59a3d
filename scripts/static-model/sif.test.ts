import { describe, expect, it } from 'vitest';
import { buildSifRows, sifWeight, zipfProbability } from './sif.js';

describe('SIF weighting', () => {
  it('sums Zipf probabilities to one over the list', () => {
    const total = 1000;
    let sum = 0;
    for (let rank = 0; rank < total; rank += 1) {
      sum += zipfProbability(rank, total);
    }
    expect(sum).toBeCloseTo(1, 9);
  });

  it('weighs rare words near one and frequent words near zero', () => {
    expect(sifWeight(1e-3, 1e-7)).toBeGreaterThan(0.999);
    expect(sifWeight(1e-3, 0.05)).toBeLessThan(0.02);
  });

  it('scales each row by its weight when no component is removed', () => {
    const vectors = Float32Array.from([2, 0, 0, 2]);
    const { rows } = buildSifRows(vectors, 2, [0, 1], 2, {
      a: 1,
      unitWords: false,
      common: 'none',
    });
    const p0 = zipfProbability(0, 2);
    expect(rows[0]).toBeCloseTo(2 * sifWeight(1, p0), 5);
    expect(rows[3]).toBeCloseTo(2 * sifWeight(1, zipfProbability(1, 2)), 5);
  });

  it('removes the common component from every row', () => {
    const vectors = Float32Array.from([1, 0.1, 1, -0.1, 1, 0.2]);
    const { rows, component } = buildSifRows(vectors, 2, [0, 1, 2], 3, {
      a: 1,
      unitWords: false,
      common: 'pc1',
    });
    expect(Math.abs(component?.[0] ?? 0)).toBeGreaterThan(0.95);
    for (let i = 0; i < 3; i += 1) {
      const dot =
        (rows[2 * i] ?? 0) * (component?.[0] ?? 0) + (rows[2 * i + 1] ?? 0) * (component?.[1] ?? 0);
      expect(dot).toBeCloseTo(0, 6);
    }
  });
});
