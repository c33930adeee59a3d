/**
 * Sampling helpers of the backgrounds: a seeded reservoir (the same archive gives the same sample,
 * so the same scores) and the normal quantile that turns a tail share into a z.
 */

/** A uniform sample of at most `size` items in one pass, with a fixed seed. */
export function reservoir<T>(items: Iterable<T>, size: number): T[] {
  const kept: T[] = [];
  let seed = 0x9e3779b9;
  let seen = 0;
  for (const item of items) {
    seen += 1;
    if (kept.length < size) {
      kept.push(item);
      continue;
    }
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    const slot = Math.floor((seed / 0x1_0000_0000) * seen);
    if (slot < size) {
      kept[slot] = item;
    }
  }
  return kept;
}

/**
 * The z whose upper normal tail is `tail` (0 < tail <= 0.5): Φ⁻¹(1 - tail), by the rational
 * approximation of Abramowitz and Stegun 26.2.23 (absolute error below 4.5e-4).
 */
export function inverseNormalTail(tail: number): number {
  const p = Math.min(0.5, Math.max(1e-300, tail));
  const t = Math.sqrt(-2 * Math.log(p));
  const z =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return Math.max(0, z);
}
