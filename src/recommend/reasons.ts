/**
 * Reasons: the distinctive shared terms that explain a match, in the words a reader knows
 * (the source's most frequent surface form of each stem, not the stem itself); generic words
 * and small numbers are never reasons (see generic-words.ts).
 */
import { isReasonTerm } from '../lexical/generic-words.js';

/**
 * Up to `count` readable reasons from shared stems (most distinctive first) of a source in
 * `language`.
 */
export function readableReasons(
  sharedStems: readonly string[],
  surfaces: ReadonlyMap<string, string>,
  count: number,
  language: string | undefined,
): string[] {
  const reasons: string[] = [];
  for (const stem of sharedStems) {
    if (!isReasonTerm(stem, language)) {
      continue;
    }
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
