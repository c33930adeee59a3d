/**
 * The lexical analyser: an article's title and body become weighted terms (stems of its language,
 * see languages.ts), the exact-word evidence that finds the same story. Title terms and names
 * (capitalised words inside a sentence, acronyms) weigh more because they say what the story is
 * about; numbers (4.6, 85, 2013: what tells one earthquake or one heist from a similar one) count
 * a little; stopwords and one-letter tokens weigh nothing. Also keeps, for each stem, the surface
 * form a reader would recognise, so reasons read "elections", not "elect".
 */
import type { EmbeddingInput } from '../embedding/embedder.js';
import { detectLanguage } from './detect-language.js';
import { type LanguageRules, rulesFor } from './languages.js';
import { createLexicon, type Lexicon, type LexiconWord, type StemTally } from './lexicon.js';
import type { PackedTerms } from './packed-terms.js';
import type { TermWeights } from './term-weights.js';
import { looksLikeName, mostFrequent, normalise } from './word-shape.js';

/**
 * Weights of one occurrence: a title word counts as three body words, a name as one and a half,
 * a number as half.
 */
export const TERM_WEIGHTS = Object.freeze({
  title: 3,
  name: 1.5,
  /**
   * A number (4.6, 85, 2013) tells one event from a similar one, but a report full of figures
   * (results tables) would drown its words: a number counts half a body word, and only an
   * article's `maxNumbers` heaviest numbers are kept.
   */
  number: 0.5,
  maxNumbers: 3,
  body: 1,
  /** Terms kept per article (the heaviest), bounding storage for very long bodies. */
  maxTerms: 400,
});

/** Terms of one text with, for each stem, its most frequent lower-case surface form. */
export interface AnalyzedText {
  readonly weights: TermWeights;
  readonly surfaces: ReadonlyMap<string, string>;
  /** Stems written as a name somewhere in the body (capitalised inside a sentence, acronyms). */
  readonly names: ReadonlySet<string>;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’.&][\p{L}\p{N}]+)*/gu;
const HAS_LETTER = /\p{L}/u;
/** A number as written (digits with inner points or commas): a quantity, a date, a score. */
const NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;
/** Distinct raw tokens remembered per language (a few MB): the everyday words of news. */
const LEXICON_LIMIT = 50_000;

/** One lexicon per language: the same raw token is another word in another language. */
const lexicons = new Map<string, Lexicon>();

function lexiconOf(language: string | undefined): Lexicon {
  const rules = rulesFor(language);
  let lexicon = lexicons.get(rules.language);
  if (lexicon === undefined) {
    lexicon = createLexicon(wordRule(rules), LEXICON_LIMIT);
    lexicons.set(rules.language, lexicon);
  }
  return lexicon;
}

function wordRule(rules: LanguageRules) {
  return (raw: string) => {
    const surface = normalise(raw);
    if (surface.length < 2 || rules.stopwords.has(surface)) {
      return null;
    }
    if (!HAS_LETTER.test(surface)) {
      // A number of two characters or more is story evidence (4.6, 85, 2013), itself its term.
      return NUMBER.test(surface) ? { surface, stem: surface.replace(/,/g, '') } : null;
    }
    return { surface, stem: rules.stem(surface, raw) };
  };
}

/**
 * The weighted terms of an article (what the lexical index stores), analysed by the rules of
 * `input.language` (a BCP 47 tag; absent means English).
 */
export function analyzeText(input: EmbeddingInput): TermWeights {
  return toWeights(heaviest(collect(input)));
}

/** An article's terms and the language they were analysed in. */
export interface ArticleTerms {
  readonly terms: TermWeights;
  /** `input.language` when given (it always wins), else the detected language. */
  readonly language: string;
}

/** The terms of an article in its language, detected when `input.language` is absent. */
export function analyzeArticle(input: EmbeddingInput): ArticleTerms {
  const language = input.language ?? detectLanguage(input);
  return { terms: analyzeText({ ...input, language }), language };
}

/**
 * `analyzeArticle` packed (see PackedTerms), for a worker thread; `unpackTerms` gives back
 * exactly its terms.
 */
export function analyzePacked(input: EmbeddingInput): PackedTerms {
  const language = input.language ?? detectLanguage(input);
  const kept = heaviest(collect({ ...input, language }));
  return {
    stems: kept.map(([stem]) => stem).join('\n'),
    weights: kept.map(([, w]) => w),
    language,
  };
}

/** The weighted terms of an article and the surface form of each stem (for reasons). */
export function analyzeDetailed(input: EmbeddingInput): AnalyzedText {
  const surfaceCounts = new Map<string, Map<string, number>>();
  const names = new Set<string>();
  const tallies = collect(input, ({ surface, tally: { stem } }, isName) => {
    if (isName) {
      names.add(stem);
    }
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
  return { weights: toWeights(kept), surfaces, names };
}

function bodyWeight(word: LexiconWord, isName: boolean): number {
  if (isNumberTerm(word.tally.stem)) {
    return TERM_WEIGHTS.number;
  }
  return isName ? TERM_WEIGHTS.name : TERM_WEIGHTS.body;
}

/** A filter (over terms heaviest first) passing words and the first `maxNumbers` numbers. */
function fewNumbers(): (entry: [string, number]) => boolean {
  let numbers = 0;
  return ([stem]) => {
    if (!isNumberTerm(stem)) {
      return true;
    }
    numbers += 1;
    return numbers <= TERM_WEIGHTS.maxNumbers;
  };
}

/** Whether a term is a number (story evidence of the lexical index only, see `wordRule`). */
export function isNumberTerm(term: string): boolean {
  return !HAS_LETTER.test(term);
}

/** The tally of each stem of the title and the body; `onWord` sees every content word. */
function collect(
  input: EmbeddingInput,
  onWord?: (word: LexiconWord, isName: boolean) => void,
): StemTally[] {
  const lexicon = lexiconOf(input.language);
  const epoch = lexicon.begin();
  const found: StemTally[] = [];
  const add = (word: LexiconWord, weight: number, isName: boolean) => {
    const { tally } = word;
    if (tally.epoch !== epoch) {
      tally.epoch = epoch;
      tally.weight = 0;
      found.push(tally);
    }
    tally.weight += weight;
    onWord?.(word, isName);
  };
  forEachWord(lexicon, input.title, (word) => add(word, TERM_WEIGHTS.title, false));
  // An editor's tag says what the story is about, as a title word does.
  for (const tag of input.tags ?? []) {
    forEachWord(lexicon, tag, (word) => add(word, TERM_WEIGHTS.title, false));
  }
  const { body } = input;
  forEachWord(lexicon, body, (word, raw, index) => {
    const isName = looksLikeName(raw, body, index);
    add(word, bodyWeight(word, isName), isName);
  });
  return found;
}

/** The `maxTerms` heaviest stems with their weights, heaviest first, ties in stem order. */
function heaviest(tallies: readonly StemTally[]): [string, number][] {
  return tallies
    .map((tally): [string, number] => [tally.stem, tally.weight])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .filter(fewNumbers())
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
  lexicon: Lexicon,
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

/**
 * The stems of the content words of `text` in `language` (a BCP 47 tag; absent means English),
 * in order, repeats kept: the one analysis for anything that counts terms (plain TF-IDF, the
 * archive model's vocabulary).
 */
export function stemsOf(text: string, language?: string): string[] {
  const lexicon = lexiconOf(language);
  lexicon.begin();
  const found: string[] = [];
  forEachWord(lexicon, text, ({ tally }) => {
    if (!isNumberTerm(tally.stem)) {
      found.push(tally.stem);
    }
  });
  return found;
}

interface Token {
  /** Lower-case word, possessive and inner apostrophes removed. */
  readonly surface: string;
  /** Capitalised inside a sentence, or an acronym: probably a name. */
  readonly isName: boolean;
}

/** The content words of `text` in `language` (absent: English), in order. */
export function tokens(text: string, language?: string): Token[] {
  const found: Token[] = [];
  const lexicon = lexiconOf(language);
  lexicon.begin();
  forEachWord(lexicon, text, ({ surface }, raw, index) => {
    found.push({ surface, isName: looksLikeName(raw, text, index) });
  });
  return found;
}

/**
 * Each content word of `text` in `language` (a BCP 47 tag), in order, as the lexical index sees
 * it: the raw token (as cut from the text) and its stem; stopwords, numbers and one-letter tokens
 * are skipped. The one analysis the archive model is trained with, so the model and the lexical
 * index share their terms.
 */
export function contentWords(
  text: string,
  language: string,
  visit: (raw: string, stem: string) => void,
): void {
  const lexicon = lexiconOf(language);
  lexicon.begin();
  forEachWord(lexicon, text, ({ tally }, raw) => {
    if (!isNumberTerm(tally.stem)) {
      visit(raw, tally.stem);
    }
  });
}
