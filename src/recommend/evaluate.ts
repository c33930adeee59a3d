/**
 * Quality metrics of related lists on a labelled corpus (pure; `morelike eval` feeds it). An item
 * is relevant when it shares a label with its source. Per source: precision = relevant / shown
 * (empty lists are counted apart, as `emptyListShare`, not as precision 0 or 1; an empty list is a
 * miss only where a same-label article exists, `emptyMissShare`: a teaser's empty list is right), recall =
 * relevant / min(k, same-label articles available), nDCG@k with binary gains, and whether the
 * list shows at least one off-topic item.
 */

/** One source and the ids its related list showed, in order. */
export interface EvalCase {
  readonly id: string;
  readonly shown: readonly string[];
}

export interface EvalMetrics {
  /** Mean precision over non-empty lists. */
  readonly precisionAtK: number;
  /** Mean recall over sources that have at least one same-label article. */
  readonly recallAtK: number;
  /** Mean nDCG@k over sources that have at least one same-label article (empty lists score 0). */
  readonly ndcgAtK: number;
  /** Share of all lists that show at least one item sharing no label with the source. */
  readonly offTopicListShare: number;
  /** Share of all lists that are empty. */
  readonly emptyListShare: number;
  /**
   * Share of the lists of sources with at least one same-label article that are empty: the
   * empty boxes a reader sees where a related article exists (a teaser's or a one-off article's
   * empty list is right, and not counted).
   */
  readonly emptyMissShare: number;
  readonly articles: number;
  readonly k: number;
}

/** Computes the metrics of `cases` given every article's labels. */
export function evaluateLists(
  cases: readonly EvalCase[],
  labels: ReadonlyMap<string, readonly string[]>,
  k: number,
): EvalMetrics {
  const available = sameLabelCounts(labels);
  const precision: number[] = [];
  const recall: number[] = [];
  const ndcg: number[] = [];
  let offTopic = 0;
  let empty = 0;
  let emptyMiss = 0;
  for (const { id, shown } of cases) {
    const own = new Set(labels.get(id) ?? []);
    const gains = shown.slice(0, k).map((other) => {
      return (labels.get(other) ?? []).some((label) => own.has(label)) ? 1 : 0;
    });
    const relevant = gains.reduce<number>((sum, gain) => sum + gain, 0);
    if (gains.length === 0) {
      empty += 1;
    } else {
      precision.push(relevant / gains.length);
    }
    if (relevant < gains.length) {
      offTopic += 1;
    }
    const ideal = Math.min(k, available.get(id) ?? 0);
    if (ideal > 0) {
      emptyMiss += gains.length === 0 ? 1 : 0;
      recall.push(relevant / ideal);
      ndcg.push(dcg(gains) / dcg(new Array<number>(ideal).fill(1)));
    }
  }
  return {
    precisionAtK: mean(precision),
    recallAtK: mean(recall),
    ndcgAtK: mean(ndcg),
    offTopicListShare: cases.length === 0 ? 0 : offTopic / cases.length,
    emptyListShare: cases.length === 0 ? 0 : empty / cases.length,
    emptyMissShare: recall.length === 0 ? 0 : emptyMiss / recall.length,
    articles: cases.length,
    k,
  };
}

/** For each article, how many other articles share at least one of its labels. */
export function sameLabelCounts(
  labels: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const byLabel = new Map<string, Set<string>>();
  for (const [id, own] of labels) {
    for (const label of own) {
      const ids = byLabel.get(label) ?? new Set<string>();
      ids.add(id);
      byLabel.set(label, ids);
    }
  }
  const counts = new Map<string, number>();
  for (const [id, own] of labels) {
    const [only] = own;
    if (own.length === 1 && only !== undefined) {
      counts.set(id, (byLabel.get(only)?.size ?? 1) - 1);
      continue;
    }
    const others = new Set<string>();
    for (const label of own) {
      for (const other of byLabel.get(label) ?? []) {
        if (other !== id) {
          others.add(other);
        }
      }
    }
    counts.set(id, others.size);
  }
  return counts;
}

function dcg(gains: readonly number[]): number {
  return gains.reduce<number>((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
