/**
 * A scored candidate of a related list: the article, its evidence (embedding cosine, lexical
 * similarity, shared terms) and the fused score. Shared by the ranking steps.
 */
import { isReasonTerm } from '../lexical/generic-words.js';
import type { ArticleHeader } from './article-cache.js';

export interface Candidate {
  /** The article without its body (see article-cache.ts). */
  readonly article: ArticleHeader;
  /** Embedding cosine with the source's topic (the source plus its nearest neighbours). */
  readonly cosine: number;
  /** Lexical (TF-IDF cosine) similarity with the source, 0..1. */
  readonly lexical: number;
  /** Fused relevance, 0..1. */
  readonly score: number;
  /** Shared stems, most distinctive first (worked out on demand: only shown items need them). */
  readonly shared: () => readonly string[];
  /**
   * Passes on weak topic evidence alone (little story evidence, and an embedding cosine below
   * `topicOnlyMinZ` or no embedding for its language): shown only when it shares a name with the
   * source, never on generic words.
   */
  readonly needsSharedName: boolean;
  /** A copy of the source itself (same wire story, or an update of it): never shown. */
  readonly copyOfSource: boolean;
}

/** Evidence that two candidates are related to each other (for duplicates and diversity). */
export type PairSimilarity = (
  a: Candidate,
  b: Candidate,
) => { cosine: number; lexical: number; overlap?: () => number };

/**
 * Whether a candidate's evidence may show it under the default threshold: it shares at least one
 * term a reader takes as a reason (no item passes on generic words alone), and an item needing a
 * shared name (weak topic-only evidence) shares one of the source's `names` that is such a term.
 * `language` is the source's.
 */
export function hasReaderEvidence(
  candidate: Candidate,
  names: ReadonlySet<string>,
  language: string | undefined,
): boolean {
  const reasons = candidate.shared().filter((stem) => isReasonTerm(stem, language));
  return candidate.needsSharedName ? reasons.some((stem) => names.has(stem)) : reasons.length > 0;
}
