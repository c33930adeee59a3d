/**
 * Growing typed arrays by doubling: the lexical index's tables (document frequencies, votes,
 * posting lists) grow with the vocabulary and the archive.
 */

/** `array` when it holds `length` entries, else a copy at least twice as long. */
export function grownInts(array: Int32Array, length: number): Int32Array {
  if (length <= array.length) {
    return array;
  }
  const grown = new Int32Array(Math.max(length, array.length * 2));
  grown.set(array);
  return grown;
}

/** `grownInts` for float64 tables. */
export function grownFloats(array: Float64Array, length: number): Float64Array {
  if (length <= array.length) {
    return array;
  }
  const grown = new Float64Array(Math.max(length, array.length * 2));
  grown.set(array);
  return grown;
}
