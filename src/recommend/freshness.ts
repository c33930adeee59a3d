/**
 * The optional freshness preference: among items already above the threshold, a small bonus for
 * items published close in time to the source (a story's follow-ups cluster around it). It only
 * reorders near-ties; it never changes `score` and never lets an item past the threshold.
 */
import type { Candidate } from './candidate.js';
import type { RelevanceSettings } from './settings.js';

const DAY_MS = 86_400_000;

/** `candidates` reordered by score plus the time-proximity tie-break. */
export function orderWithFreshness(
  candidates: readonly Candidate[],
  reference: Date,
  freshness: RelevanceSettings['freshness'],
): Candidate[] {
  if (freshness.weight <= 0) {
    return [...candidates];
  }
  const key = freshnessKey(reference, freshness);
  return candidates
    .map((candidate) => ({ candidate, key: key(candidate) }))
    .sort((a, b) => b.key - a.key || (a.candidate.article.id < b.candidate.article.id ? -1 : 1))
    .map(({ candidate }) => candidate);
}

/** The ordering key: score plus at most `freshness.weight` for closeness in time to `reference`. */
export function freshnessKey(
  reference: Date,
  freshness: RelevanceSettings['freshness'],
): (candidate: Candidate) => number {
  return (candidate) => {
    const published = candidate.article.publishedAt
      ? Date.parse(candidate.article.publishedAt)
      : Number.NaN;
    if (Number.isNaN(published) || freshness.weight <= 0) {
      return candidate.score;
    }
    const days = Math.abs(reference.getTime() - published) / DAY_MS;
    return candidate.score + freshness.weight * 2 ** (-days / freshness.halfLifeDays);
  };
}
