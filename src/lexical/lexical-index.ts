/**
 * The LexicalIndex role: exact-word evidence (names, places, title terms) kept beside the vectors,
 * so the same story ranks first. Term weights are computed once per article at ingest
 * (`analyze`), stored with the article, and loaded at start without re-reading text.
 */
import type { TermWeights } from './term-weights.js';

/** Lexical evidence for one candidate against one source. */
export interface LexicalMatch {
  /** 0..1: how strongly the two articles share distinctive terms. */
  readonly similarity: number;
  /** The shared terms that contribute most, most distinctive first. */
  readonly sharedTerms: readonly string[];
}

/** One source prepared once (its weights and norm), then compared with many candidates. */
export interface LexicalQuery {
  /** Compares the source with stored article `candidateId` (similarity 0 when unknown). */
  match(candidateId: string): LexicalMatch;
  /** `match(candidateId).similarity` (the very value), without collecting the shared terms. */
  similarity(candidateId: string): number;
  /**
   * Stored articles that share the source's most distinctive terms, best first: candidates the
   * embedding may rank low although they tell the same story.
   */
  candidates(limit: number): string[];
}

export interface LexicalIndex {
  /** Adds or replaces the terms of `id` (document frequencies follow). */
  upsert(id: string, terms: TermWeights): void;
  remove(id: string): void;
  size(): number;
  /**
   * The article count the term statistics (N and document frequencies) were frozen at: they
   * are refreshed, first, when the archive has changed by 2% since; a change of this value means
   * every lexical similarity may have changed. With `'now'` they are refreshed whenever the
   * archive has changed at all (after a bulk load: the statistics of the archive as it is).
   */
  statistics(refresh?: 'now'): number;
  /** Compares the source's terms with stored article `candidateId`. */
  match(source: TermWeights, candidateId: string): LexicalMatch;
  /** Lexical similarity of two stored articles, 0..1 (0 when either is unknown). */
  between(idA: string, idB: string): number;
  /** Prepares `source` for many comparisons (a related list compares it with ~100 candidates). */
  query(source: TermWeights): LexicalQuery;
}
