/**
 * Near-duplicate collapse: the same wire story under two headlines, or an update of it, shows
 * once. Two items are one story when their embeddings AND their exact words nearly coincide;
 * either alone is not enough (two reports of one event share names, two takes on one topic share
 * meaning). Of two copies the fresher is kept (an update supersedes), else the better scored.
 */
import type { Candidate, PairSimilarity } from './candidate.js';
import type { RelevanceSettings } from './settings.js';

/** True when the evidence says the two texts are one story. */
export function isDuplicate(
  evidence: { cosine: number; lexical: number },
  rule: RelevanceSettings['duplicate'],
): boolean {
  return evidence.cosine >= rule.cosine && evidence.lexical >= rule.lexical;
}

/** Keeps one item per story, in the order of `candidates` (best first). */
export function collapseDuplicates(
  candidates: readonly Candidate[],
  similarity: PairSimilarity,
  rule: RelevanceSettings['duplicate'],
): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const copyOf = kept.findIndex((other) => isDuplicate(similarity(other, candidate), rule));
    if (copyOf < 0) {
      kept.push(candidate);
      continue;
    }
    const other = kept[copyOf];
    if (other && isFresher(candidate, other)) {
      kept[copyOf] = candidate;
    }
  }
  return kept;
}

function isFresher(a: Candidate, b: Candidate): boolean {
  const ta = a.article.publishedAt ? Date.parse(a.article.publishedAt) : Number.NaN;
  const tb = b.article.publishedAt ? Date.parse(b.article.publishedAt) : Number.NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb) || ta === tb) {
    return false;
  }
  return ta > tb;
}
