import { describe, expect, it } from 'vitest';
import { kthSmallest } from './select.js';

/** A deterministic pseudo-random list with many repeated values. */
function values(count: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * 50) / 4;
  });
}

describe('kthSmallest', () => {
  it('finds the value a full sort puts at every position', () => {
    for (const count of [1, 2, 3, 10, 101]) {
      const sorted = values(count, count).sort();
      for (let k = 0; k < count; k += 1) {
        expect(kthSmallest(values(count, count), k)).toBe(sorted[k]);
      }
    }
  });

  it('handles lists of one repeated value', () => {
    expect(kthSmallest(new Float64Array(9).fill(2.5), 4)).toBe(2.5);
  });
});
