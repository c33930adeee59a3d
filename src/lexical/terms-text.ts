/**
 * Stored term weights (the JSON text of a TermWeights object) read as two parallel arrays, the
 * form the lexical index interns. `JSON.parse` of a hundred-key object with keys no other
 * article shares in that order makes V8 build a new hidden class per key (a transition tree of
 * millions of maps over an archive): at 100,000 articles parsing the terms cost more than the
 * whole lexical build. The scanner here reads the text `JSON.stringify` writes (no spaces, keys
 * without escapes) and hands anything else to `JSON.parse`, so both give the terms in the same
 * order as a `for...in` over the parsed object (integer-like keys, which objects put first, are
 * handed over too) with the same values.
 */
import type { TermWeights } from './term-weights.js';

/**
 * Stems and their weights in the same order (a `for...in` order of the object). Text with a key
 * twice (which `JSON.stringify` never writes) lists it twice; the last weight counts, as in
 * `JSON.parse`.
 */
export interface TermList {
  readonly terms: readonly string[];
  readonly weights: readonly number[];
}

const QUOTE = 34;
const COLON = 58;
const OPEN = 123;
const CLOSE = 125;

/** A JSON number, nothing more (Number() also takes hex, blanks, "Infinity", "1."). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Keys an object orders first (array indices): handed to JSON.parse to keep its order. */
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/** The terms of an object (in its `for...in` order). */
export function termListOf(weights: TermWeights): TermList {
  const terms: string[] = [];
  const values: number[] = [];
  for (const term in weights) {
    terms.push(term);
    values.push(weights[term] as number);
  }
  return { terms, weights: values };
}

/** The terms of stored JSON text, as `termListOf(JSON.parse(text))` gives them. */
export function parseTermsText(text: string): TermList {
  return scan(text) ?? termListOf(JSON.parse(text) as TermWeights);
}

/** The plain shape `JSON.stringify` writes, or undefined for anything else. */
function scan(text: string): TermList | undefined {
  const last = text.length - 1;
  if (text.charCodeAt(0) !== OPEN || text.charCodeAt(last) !== CLOSE) {
    return undefined;
  }
  const terms: string[] = [];
  const weights: number[] = [];
  let at = 1;
  while (at < last) {
    const close = text.indexOf('"', at + 1);
    if (text.charCodeAt(at) !== QUOTE || close < 0 || text.charCodeAt(close + 1) !== COLON) {
      return undefined;
    }
    const term = text.slice(at + 1, close);
    if (term.includes('\\') || INDEX_LIKE.test(term)) {
      return undefined;
    }
    const comma = text.indexOf(',', close + 2);
    const end = comma < 0 ? last : comma;
    const number = text.slice(close + 2, end);
    if (!JSON_NUMBER.test(number)) {
      return undefined;
    }
    terms.push(term);
    weights.push(Number(number));
    at = end + 1;
    if (comma >= 0 && at >= last) {
      return undefined; // a trailing comma
    }
  }
  return { terms, weights };
}
