/**
 * Order statistics without a full sort: the k-th smallest of a Float64Array by quickselect, for
 * the vote threshold of lexical candidates (a sort of every touched document was the hot spot).
 */

/**
 * The value that `values.sort()[k]` would hold (0-based, ascending), found in linear expected
 * time. Reorders `values` in place; `values` must hold no NaN.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = medianOfThree(values, low, high);
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) {
        i += 1;
      }
      while ((values[j] as number) > pivot) {
        j -= 1;
      }
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) {
      high = j;
    } else if (k >= i) {
      low = i;
    } else {
      return values[k] as number;
    }
  }
  return values[k] as number;
}

function medianOfThree(values: Float64Array, low: number, high: number): number {
  const a = values[low] as number;
  const b = values[(low + high) >>> 1] as number;
  const c = values[high] as number;
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
