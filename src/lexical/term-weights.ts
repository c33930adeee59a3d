/**
 * TermWeights: the lexical terms of one article, computed at ingest by `analyze.ts` and stored
 * with it so the lexical index loads at start without re-analysing text.
 */

/** Lexical term weights of one article (term -> weight). */
export type TermWeights = Readonly<Record<string, number>>;
