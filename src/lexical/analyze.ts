/**
 * The lexical analyser: an article's title and body become weighted terms (Porter stems), the
 * exact-word evidence that finds the same story. Title terms and names (capitalised words inside
 * a sentence, acronyms) weigh more because they say what the story is about; stopwords, numbers
 * and one-letter tokens weigh nothing. Also keeps, for each stem, the surface form a reader
 * would recognise, so reasons read "elections", not "elect".
 */
import { stemmer } from 'stemmer';
import type { EmbeddingInput } from '../embedding/embedder.js';
import type { TermWeights } from '../store/article-store.js';
import { placeOf } from './demonyms.js';
import { STOPWORDS } from './stopwords.js';

/** Weights of one occurrence: a title word counts as three body words, a name as one and a half. */
export const TERM_WEIGHTS = Object.freeze({
  title: 3,
  name: 1.5,
  body: 1,
  /** Terms kept per article (the heaviest), bounding storage for very long bodies. */
  maxTerms: 400,
});

/** Terms of one text with, for each stem, its most frequent lower-case surface form. */
export interface AnalyzedText {
  readonly weights: TermWeights;
  readonly surfaces: ReadonlyMap<string, string>;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’.&][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?:;\n]/;
const OPENERS = /[\s"'“‘([«—–-]/;
const HAS_LETTER = /\p{L}/u;

/** The weighted terms of an article (what the lexical index stores). */
export function analyzeText(input: EmbeddingInput): TermWeights {
  return analyzeDetailed(input).weights;
}

/** The weighted terms of an article and the surface form of each stem (for reasons). */
export function analyzeDetailed(input: EmbeddingInput): AnalyzedText {
  const weights = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  const add = (surface: string, weight: number) => {
    const stem = stemOf(surface);
    weights.set(stem, (weights.get(stem) ?? 0) + weight);
    const counts = surfaceCounts.get(stem) ?? new Map<string, number>();
    counts.set(surface, (counts.get(surface) ?? 0) + 1);
    surfaceCounts.set(stem, counts);
  };
  for (const token of tokens(input.title)) {
    add(token.surface, TERM_WEIGHTS.title);
  }
  for (const token of tokens(input.body)) {
    add(token.surface, token.isName ? TERM_WEIGHTS.name : TERM_WEIGHTS.body);
  }
  const kept = [...weights.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TERM_WEIGHTS.maxTerms);
  const surfaces = new Map<string, string>();
  for (const [stem] of kept) {
    surfaces.set(stem, mostFrequent(surfaceCounts.get(stem)) ?? stem);
  }
  return { weights: Object.fromEntries(kept), surfaces };
}

interface Token {
  /** Lower-case word, possessive and inner apostrophes removed. */
  readonly surface: string;
  /** Capitalised inside a sentence, or an acronym: probably a name. */
  readonly isName: boolean;
}

/** The content words of `text`, in order. */
export function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const surface = normalise(raw);
    if (surface.length < 2 || !HAS_LETTER.test(surface) || STOPWORDS.has(surface)) {
      continue;
    }
    found.push({ surface, isName: looksLikeName(raw, text, match.index ?? 0) });
  }
  return found;
}

function normalise(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

function stemOf(surface: string): string {
  // Words with digits or inner dots (g8, u.s) are names already; stemming would only mangle them.
  if (!/^\p{L}+$/u.test(surface)) {
    return surface;
  }
  return stemmer(placeOf(surface) ?? surface);
}

function looksLikeName(raw: string, text: string, index: number): boolean {
  const first = raw.charAt(0);
  if (first === first.toLowerCase()) {
    return false;
  }
  if (raw.length >= 2 && raw.length <= 5 && raw === raw.toUpperCase()) {
    return true;
  }
  return !startsSentence(text, index);
}

function startsSentence(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && OPENERS.test(text.charAt(i))) {
    if (text.charAt(i) === '\n') {
      return true;
    }
    i -= 1;
  }
  return i < 0 || SENTENCE_END.test(text.charAt(i));
}

function mostFrequent(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [surface, count] of counts ?? []) {
    if (count > bestCount || (count === bestCount && best !== undefined && surface < best)) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}
