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
import { createLexicon, type LexiconWord, type StemTally } from './lexicon.js';
import type { PackedTerms } from './packed-terms.js';
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
const LETTERS_ONLY = /^\p{L}+$/u;
/** Distinct raw tokens remembered (a few MB): the everyday words of news, met again and again. */
const LEXICON_LIMIT = 50_000;

const lexicon = createLexicon((raw) => {
  const surface = normalise(raw);
  if (surface.length < 2 || !HAS_LETTER.test(surface) || STOPWORDS.has(surface)) {
    return null;
  }
  return { surface, stem: stemOf(surface) };
}, LEXICON_LIMIT);

/** The weighted terms of an article (what the lexical index stores). */
export function analyzeText(input: EmbeddingInput): TermWeights {
  return toWeights(heaviest(collect(input)));
}

/** `analyzeText` packed (see PackedTerms); `unpackTerms` gives back exactly `analyzeText`. */
export function analyzePacked(input: EmbeddingInput): PackedTerms {
  const kept = heaviest(collect(input));
  return { stems: kept.map(([stem]) => stem).join('\n'), weights: kept.map(([, w]) => w) };
}

/** The weighted terms of an article and the surface form of each stem (for reasons). */
export function analyzeDetailed(input: EmbeddingInput): AnalyzedText {
  const surfaceCounts = new Map<string, Map<string, number>>();
  const tallies = collect(input, ({ surface, tally: { stem } }) => {
    let counts = surfaceCounts.get(stem);
    if (counts === undefined) {
      counts = new Map<string, number>();
      surfaceCounts.set(stem, counts);
    }
    counts.set(surface, (counts.get(surface) ?? 0) + 1);
  });
  const kept = heaviest(tallies);
  const surfaces = new Map<string, string>();
  for (const [stem] of kept) {
    surfaces.set(stem, mostFrequent(surfaceCounts.get(stem)) ?? stem);
  }
  return { weights: toWeights(kept), surfaces };
}

/** The tally of each stem of the title and the body; `onWord` sees every content word. */
function collect(input: EmbeddingInput, onWord?: (word: LexiconWord) => void): StemTally[] {
  const epoch = lexicon.begin();
  const found: StemTally[] = [];
  const add = (word: LexiconWord, weight: number) => {
    const { tally } = word;
    if (tally.epoch !== epoch) {
      tally.epoch = epoch;
      tally.weight = 0;
      found.push(tally);
    }
    tally.weight += weight;
    onWord?.(word);
  };
  forEachWord(input.title, (word) => add(word, TERM_WEIGHTS.title));
  const { body } = input;
  forEachWord(body, (word, raw, index) =>
    add(word, looksLikeName(raw, body, index) ? TERM_WEIGHTS.name : TERM_WEIGHTS.body),
  );
  return found;
}

/** The `maxTerms` heaviest stems with their weights, heaviest first, ties in stem order. */
function heaviest(tallies: readonly StemTally[]): [string, number][] {
  return tallies
    .map((tally): [string, number] => [tally.stem, tally.weight])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TERM_WEIGHTS.maxTerms);
}

/** The terms as an object, heaviest first (assigning is faster than `Object.fromEntries`). */
function toWeights(kept: readonly [string, number][]): TermWeights {
  const weights: Record<string, number> = {};
  for (const [stem, weight] of kept) {
    weights[stem] = weight;
  }
  return weights;
}

/** Calls `visit` for each content word of `text`, in order, with its raw token and offset. */
function forEachWord(
  text: string,
  visit: (word: LexiconWord, raw: string, index: number) => void,
): void {
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const raw = match[0];
    const word = lexicon.word(raw);
    if (word !== null) {
      visit(word, raw, match.index);
    }
  }
}

/** The stems of the content words of `text`, in order, repeats kept (for plain TF-IDF). */
export function stemsOf(text: string): string[] {
  lexicon.begin();
  const found: string[] = [];
  forEachWord(text, ({ tally }) => {
    found.push(tally.stem);
  });
  return found;
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
  forEachWord(text, ({ surface }, raw, index) => {
    found.push({ surface, isName: looksLikeName(raw, text, index) });
  });
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
  if (!LETTERS_ONLY.test(surface)) {
    return surface;
  }
  return stemmer(placeOf(surface) ?? surface);
}

function looksLikeName(raw: string, text: string, index: number): boolean {
  const code = raw.charCodeAt(0);
  // Lower-case ASCII letters and digits, the common case, are never capitals.
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
    return false;
  }
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
