/**
 * Reasons: the distinctive shared terms that explain a match, in the words a reader knows
 * (the source's most frequent surface form of each stem, not the stem itself).
 */

/** Up to `count` readable reasons from shared stems (most distinctive first). */
export function readableReasons(
  sharedStems: readonly string[],
  surfaces: ReadonlyMap<string, string>,
  count: number,
): string[] {
  const reasons: string[] = [];
  for (const stem of sharedStems) {
    const surface = surfaces.get(stem) ?? stem;
    if (!reasons.includes(surface)) {
      reasons.push(surface);
    }
    if (reasons.length >= count) {
      break;
    }
  }
  return reasons;
}
