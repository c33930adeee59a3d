/**
 * Near-duplicate collapse: the same wire story under two headlines, or an update of it, shows
 * once. Two items are one story when their embeddings AND their exact words nearly coincide;
 * either alone is not enough (two reports of one event share names, two takes on one topic share
 * meaning). Exact words are judged two ways: the bag of distinctive terms, or, for a lightly
 * edited copy under a new headline, the word sequences themselves (shared three-word shingles:
 * a rewrite by another outlet shares names but rarely whole phrases). Of two copies the fresher
 * is kept (an update supersedes), else the better scored.
 */
import type { Candidate } from './candidate.js';
import type { RelevanceSettings } from './settings.js';

/** Evidence about two texts; `overlap` (shingle Jaccard) is computed only when needed. */
export interface DuplicateEvidence {
  readonly cosine: number;
  readonly lexical: number;
  readonly overlap?: () => number;
}

/** True when the evidence says the two texts are one story. */
export function isDuplicate(
  evidence: DuplicateEvidence,
  rule: RelevanceSettings['duplicate'],
): boolean {
  if (evidence.cosine < rule.cosine) {
    return false;
  }
  if (evidence.lexical >= rule.lexical) {
    return true;
  }
  return (
    evidence.lexical >= rule.overlapLexical &&
    evidence.overlap !== undefined &&
    evidence.overlap() >= rule.overlap
  );
}

/**
 * When only the first `count` items by `key` will be shown (no diversity re-ranking): `key` is
 * the ordering key, at most `bonus` above an item's score. Lets the collapse stop early.
 */
export interface ShownItems {
  readonly count: number;
  readonly key: (candidate: Candidate) => number;
  readonly bonus: number;
}

/**
 * Keeps one item per story, in the order of `candidates` (best score first). `isCopy(i, j)` says
 * whether candidates i and j (positions) are one story. Of two copies the fresher is kept, in the
 * place of the first. With `shown`, the walk stops once the shown items are settled: every later
 * candidate keys below them, so it can only change them by replacing one as its fresher copy,
 * and no later candidate is a copy of any of them. The shown items are then exactly those of the
 * full walk (the rest of the returned list may be shorter).
 */
export function collapseDuplicates(
  candidates: readonly Candidate[],
  isCopy: (i: number, j: number) => boolean,
  shown?: ShownItems,
): Candidate[] {
  const kept: number[] = [];
  const keys = shown ? candidates.map(shown.key) : [];
  // The walk may stop at i when no later candidate is a copy of a shown item; after a later
  // copy is found at `blockedUntil`, stopping is tried again only past it.
  let blockedUntil = -1;
  for (let i = 0; i < candidates.length; i += 1) {
    const top =
      shown && i > blockedUntil ? settledTop(candidates, keys, kept, i, shown) : undefined;
    if (top) {
      const copyAt = candidates.findIndex((_, r) => r >= i && top.some((t) => isCopy(t, r)));
      if (copyAt < 0) {
        break;
      }
      blockedUntil = copyAt;
    }
    const copyOf = kept.findIndex((other) => isCopy(other, i));
    if (copyOf < 0) {
      kept.push(i);
      continue;
    }
    const other = candidates[kept[copyOf] as number] as Candidate;
    if (isFresher(candidates[i] as Candidate, other)) {
      kept[copyOf] = i;
    }
  }
  return kept.map((i) => candidates[i] as Candidate);
}

/** The kept items that will be shown, when no candidate from `next` on can outrank them. */
function settledTop(
  candidates: readonly Candidate[],
  keys: readonly number[],
  kept: readonly number[],
  next: number,
  shown: ShownItems,
): number[] | undefined {
  if (kept.length < shown.count) {
    return undefined;
  }
  const ceiling = (candidates[next] as Candidate).score + shown.bonus;
  const above = kept.filter((k) => (keys[k] as number) > ceiling);
  if (above.length < shown.count) {
    return undefined;
  }
  // The shown ones: the `count` best keys (and any tied with the last of them).
  const sorted = above.map((k) => keys[k] as number).sort((a, b) => b - a);
  const last = sorted[shown.count - 1] ?? Number.NEGATIVE_INFINITY;
  return above.filter((k) => (keys[k] as number) >= last);
}

/** True when `a` was published after `b` (never when either date is unknown). */
export function isFresher(a: Candidate, b: Candidate): boolean {
  const ta = a.article.publishedAt ? Date.parse(a.article.publishedAt) : Number.NaN;
  const tb = b.article.publishedAt ? Date.parse(b.article.publishedAt) : Number.NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb) || ta === tb) {
    return false;
  }
  return ta > tb;
}
