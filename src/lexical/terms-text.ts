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
const BACKSLASH = 92;
const ZERO = 48;
const NINE = 57;

/** A JSON number, nothing more (Number() also takes hex, blanks, "Infinity", "1."). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

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

/**
 * Where each term of stored text in the plain shape lies (`text.slice(starts[i], ends[i])`) and
 * its weight, in the text's order; the arrays are reused by the next call.
 */
export interface TermSpans {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly weights: Float64Array;
}

let starts = new Int32Array(256);
let ends = new Int32Array(256);
let weights = new Float64Array(256);

/** The terms of stored JSON text, as `termListOf(JSON.parse(text))` gives them. */
export function parseTermsText(text: string): TermList {
  const spans = scanTermSpans(text);
  if (!spans) {
    return termListOf(JSON.parse(text) as TermWeights);
  }
  const terms: string[] = [];
  for (let i = 0; i < spans.count; i += 1) {
    terms.push(text.slice(spans.starts[i], spans.ends[i]));
  }
  return { terms, weights: Array.from(spans.weights.subarray(0, spans.count)) };
}

/**
 * The spans of text in the plain shape `JSON.stringify` writes, or undefined for anything else
 * (read it with `parseTermsText`, which hands it to JSON.parse).
 */
export function scanTermSpans(text: string): TermSpans | undefined {
  const last = text.length - 1;
  if (text.charCodeAt(0) !== OPEN || text.charCodeAt(last) !== CLOSE) {
    return undefined;
  }
  let count = 0;
  let at = 1;
  while (at < last) {
    const close = text.indexOf('"', at + 1);
    if (text.charCodeAt(at) !== QUOTE || close < 0 || text.charCodeAt(close + 1) !== COLON) {
      return undefined;
    }
    const comma = text.indexOf(',', close + 2);
    const end = comma < 0 ? last : comma;
    const weight = numberAt(text, close + 2, end);
    if (!plainKey(text, at + 1, close) || Number.isNaN(weight) || (comma >= 0 && end + 1 >= last)) {
      return undefined; // an escape, a key objects order first, not a JSON number, a trailing comma
    }
    if (count === starts.length) {
      grow();
    }
    starts[count] = at + 1;
    ends[count] = close;
    weights[count] = weight;
    count += 1;
    at = end + 1;
  }
  return { count, starts, ends, weights };
}

function grow(): void {
  const more = (array: Int32Array) => {
    const grown = new Int32Array(array.length * 2);
    grown.set(array);
    return grown;
  };
  starts = more(starts);
  ends = more(ends);
  const grownWeights = new Float64Array(weights.length * 2);
  grownWeights.set(weights);
  weights = grownWeights;
}

/** A key without escapes that is not an array index (which objects order first). */
function plainKey(text: string, from: number, to: number): boolean {
  let digits = true;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      return false;
    }
    digits &&= c >= ZERO && c <= NINE;
  }
  return !digits || to === from || (to - from > 1 && text.charCodeAt(from) === ZERO);
}

/** The JSON number from `from` to `to` (NaN when it is none): short integers read in place. */
function numberAt(text: string, from: number, to: number): number {
  let value = 0;
  const plain = to > from && to - from <= 15 && (to - from === 1 || text.charCodeAt(from) !== ZERO);
  for (let i = from; plain && i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) {
      const number = text.slice(from, to);
      return JSON_NUMBER.test(number) ? Number(number) : Number.NaN;
    }
    value = value * 10 + (c - ZERO);
  }
  if (plain) {
    return value;
  }
  const number = text.slice(from, to);
  return JSON_NUMBER.test(number) ? Number(number) : Number.NaN;
}
