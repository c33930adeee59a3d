/**
 * Near-duplicate collapse: the same wire story under two headlines, or an update of it, shows
 * once. Two items are one story when their embeddings AND their exact words nearly coincide;
 * either alone is not enough (two reports of one event share names, two takes on one topic share
 * meaning). Exact words are judged two ways: the bag of distinctive terms, or, for a lightly
 * edited copy under a new headline, the word sequences themselves (shared three-word shingles:
 * a rewrite by another outlet shares names but rarely whole phrases). Of two copies the fresher
 * is kept (an update supersedes), else the better scored.
 */
import type { Candidate, PairSimilarity } from './candidate.js';
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

const WORD = /[\p{L}\p{N}]+/gu;

/** Jaccard similarity of the two texts' three-word shingles, 0..1. */
export function textOverlap(a: string, b: string): number {
  const first = shingles(a);
  const second = shingles(b);
  if (first.size === 0 || second.size === 0) {
    return 0;
  }
  let shared = 0;
  for (const shingle of first) {
    if (second.has(shingle)) {
      shared += 1;
    }
  }
  return shared / (first.size + second.size - shared);
}

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(WORD) ?? [];
  const found = new Set<string>();
  for (let i = 2; i < words.length; i += 1) {
    found.add(`${words[i - 2]} ${words[i - 1]} ${words[i]}`);
  }
  return found;
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
