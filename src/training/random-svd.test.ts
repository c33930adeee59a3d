import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../bench/synthetic-corpus.js';
import { createBlockOps } from './block-ops.js';
import { type SparseRows, termSvd } from './random-svd.js';

/** A documents x terms sparse matrix from a dense one (zeros left out). */
function sparse(dense: number[][]): SparseRows {
  const start = [0];
  const columns: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((value, term) => {
      if (value !== 0) {
        columns.push(term);
        values.push(value);
      }
    });
    start.push(columns.length);
  }
  return {
    documents: dense.length,
    terms: dense[0]?.length ?? 0,
    start: Int32Array.from(start),
    columns: Int32Array.from(columns),
    values: Float64Array.from(values),
  };
}

function randomDense(documents: number, terms: number, seed: number, density = 0.3): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: documents }, () =>
    Array.from({ length: terms }, () => (random() < density ? random() : 0)),
  );
}

const options = { rank: 4, oversample: 30, powerIterations: 2, seed: 1 };

describe('termSvd', () => {
  it('matches the exact SVD when the sketch spans the whole term space', () => {
    const dense = randomDense(40, 25, 3);
    const svd = termSvd(sparse(dense), options);
    const exact = new SingularValueDecomposition(new Matrix(dense), { autoTranspose: true });
    expect(svd.rank).toBe(4);
    svd.singularValues.forEach((value, i) => {
      expect(value).toBeCloseTo(exact.diagonal[i] as number, 8);
    });
    // Term vectors equal the exact right singular vectors up to sign.
    for (let c = 0; c < 4; c += 1) {
      let dot = 0;
      for (let t = 0; t < 25; t += 1) {
        dot += (svd.termVectors[t * 4 + c] as number) * exact.rightSingularVectors.get(t, c);
      }
      expect(Math.abs(dot)).toBeCloseTo(1, 8);
    }
  });

  it('finds the leading singular values of a large low-rank matrix from a narrow sketch', () => {
    const random = createRandom(9);
    const left = Array.from({ length: 300 }, () => [random(), random(), random()]);
    const right = Array.from({ length: 3 }, () => Array.from({ length: 200 }, () => random()));
    const dense = left.map((row) =>
      right[0]?.map((_, t) => row.reduce((sum, value, r) => sum + value * (right[r]?.[t] ?? 0), 0)),
    ) as number[][];
    const svd = termSvd(sparse(dense), { rank: 3, oversample: 5, powerIterations: 1, seed: 2 });
    const exact = new SingularValueDecomposition(new Matrix(dense), { autoTranspose: true });
    svd.singularValues.forEach((value, i) => {
      expect(value / (exact.diagonal[i] as number)).toBeCloseTo(1, 8);
    });
  });

  it('returns fewer dimensions than asked when the matrix has a lower rank', () => {
    const svd = termSvd(
      sparse([
        [1, 0, 0],
        [2, 0, 0],
        [0, 3, 0],
      ]),
      { ...options, rank: 3 },
    );
    expect(svd.rank).toBe(2);
    expect(svd.singularValues[0]).toBeCloseTo(3, 10);
    expect(svd.singularValues[1]).toBeCloseTo(Math.sqrt(5), 10);
  });

  it('gives the same bits for the same matrix and seed', () => {
    const x = sparse(randomDense(60, 50, 5));
    const narrow = { rank: 5, oversample: 5, powerIterations: 2, seed: 4 };
    expect(termSvd(x, narrow).termVectors).toEqual(termSvd(x, narrow).termVectors);
  });

  it('gives the same bits with the worker thread on half of each product', async () => {
    const x = sparse(randomDense(203, 77, 6));
    const narrow = { rank: 6, oversample: 7, powerIterations: 2, seed: 4 };
    const ops = await createBlockOps();
    try {
      const both = termSvd(x, narrow, ops);
      const one = termSvd(x, narrow);
      expect(both.termVectors).toEqual(one.termVectors);
      expect(both.singularValues).toEqual(one.singularValues);
    } finally {
      await ops.close();
    }
  });
});
