/**
 * The LexicalIndex role: exact-word evidence (names, places, title terms) kept beside the vectors,
 * so the same story ranks first. Term weights are computed once per article at ingest
 * (`analyze`), stored with the article, and loaded at start without re-reading text.
 */
import type { TermWeights } from '../store/article-store.js';

/** Lexical evidence for one candidate against one source. */
export interface LexicalMatch {
  /** 0..1: how strongly the two articles share distinctive terms. */
  readonly similarity: number;
  /** The shared terms that contribute most, most distinctive first. */
  readonly sharedTerms: readonly string[];
}

export interface LexicalIndex {
  /** Adds or replaces the terms of `id` (document frequencies follow). */
  upsert(id: string, terms: TermWeights): void;
  remove(id: string): void;
  size(): number;
  /** Compares the source's terms with stored article `candidateId`. */
  match(source: TermWeights, candidateId: string): LexicalMatch;
}
