import { describe, expect, it } from 'vitest';
import { clsPool, combineArticle, meanPool, normalizeInPlace } from './pooling.js';

// Two sequences of length 3, dims 2: [batch, length, dims] flattened.
const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10]);

describe('pooling', () => {
  it('averages only the unmasked tokens of a row', () => {
    expect([...meanPool(hidden, 0, 3, 2, 2)]).toEqual([2, 3]);
    expect([...meanPool(hidden, 1, 3, 2, 3)]).toEqual([7, 8]);
  });

  it('takes the first token for cls pooling', () => {
    expect([...clsPool(hidden, 1, 3, 2)]).toEqual([5, 6]);
  });

  it('normalizes to unit length and leaves a zero vector at zero', () => {
    expect([...normalizeInPlace(Float32Array.from([3, 4]))]).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
    expect([...normalizeInPlace(new Float32Array(2))]).toEqual([0, 0]);
  });
});

describe('combineArticle', () => {
  const x = Float32Array.from([1, 0]);
  const y = Float32Array.from([0, 1]);

  it('mixes title and body by the title weight', () => {
    const vector = combineArticle(x, [{ vector: y, tokens: 10 }], 0.25, 2);
    expect(vector[1] ?? 0).toBeCloseTo(3 * (vector[0] ?? 0), 5);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('weights body chunks by their token counts', () => {
    const vector = combineArticle(
      undefined,
      [
        { vector: x, tokens: 30 },
        { vector: y, tokens: 10 },
      ],
      0.3,
      2,
    );
    expect(vector[0] ?? 0).toBeCloseTo(3 * (vector[1] ?? 0), 5);
  });

  it('uses the title alone when the body is empty, and the body alone without a title', () => {
    expect([...combineArticle(x, [], 0.3, 2)]).toEqual([1, 0]);
    expect([...combineArticle(undefined, [{ vector: y, tokens: 4 }], 0.3, 2)]).toEqual([0, 1]);
  });

  it('gives the zero vector when nothing is known', () => {
    expect([...combineArticle(new Float32Array(2), [], 0.3, 2)]).toEqual([0, 0]);
  });
});
