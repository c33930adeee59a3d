/**
 * Diversity by maximal marginal relevance: each next item maximises
 * (1 - diversity) * score - diversity * (its highest cosine with an item already chosen),
 * so a list is not five takes on one sub-angle. Diversity 0 keeps the relevance order.
 */
import type { Candidate, PairSimilarity } from './candidate.js';

/** Picks up to `limit` of `candidates` (best first) trading relevance for variety. */
export function diversify(
  candidates: readonly Candidate[],
  diversity: number,
  limit: number,
  similarity: PairSimilarity,
): Candidate[] {
  if (diversity <= 0 || candidates.length <= 1) {
    return candidates.slice(0, limit);
  }
  const remaining = [...candidates];
  const chosen: Candidate[] = [];
  while (chosen.length < limit && remaining.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    remaining.forEach((candidate, index) => {
      const redundancy = Math.max(0, ...chosen.map((c) => similarity(c, candidate).cosine));
      const value = (1 - diversity) * candidate.score - diversity * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    const [next] = remaining.splice(bestIndex, 1);
    if (next) {
      chosen.push(next);
    }
  }
  return chosen;
}
