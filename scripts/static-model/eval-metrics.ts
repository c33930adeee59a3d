/**
 * Retrieval quality of a set of unit vectors with plain cosine ranking: for each item, the k
 * nearest others, and the share of them that share a label with it (precision@k, averaged).
 */

/** Mean precision@k: an item's neighbour is relevant when the two share a label. */
export function precisionAtK(
  vectors: readonly Float32Array[],
  labels: readonly (readonly string[])[],
  k: number,
): number {
  let total = 0;
  vectors.forEach((query, i) => {
    const best: { score: number; index: number }[] = [];
    vectors.forEach((candidate, j) => {
      if (i === j) {
        return;
      }
      let score = 0;
      for (let d = 0; d < query.length; d += 1) {
        score += (query[d] ?? 0) * (candidate[d] ?? 0);
      }
      if (best.length < k || score > (best[best.length - 1]?.score ?? -Infinity)) {
        best.push({ score, index: j });
        best.sort((a, b) => b.score - a.score);
        best.length = Math.min(best.length, k);
      }
    });
    const own = new Set(labels[i]);
    const relevant = best.filter(({ index }) => labels[index]?.some((l) => own.has(l))).length;
    total += relevant / k;
  });
  return total / vectors.length;
}
