/**
 * The archive model's vocabulary: the word forms its tokenizer will meet (lower-cased, split as
 * the BERT pre-tokenizer splits, accents and other scripts kept whole), each mapped to the stem
 * it stood for most often in the archive. A raw token with inner punctuation (`м'ясо`, `u.s`)
 * reaches the tokenizer as several pieces; its pieces of three or more characters vote for its
 * stem too, so a Ukrainian word with an apostrophe still carries its meaning.
 */
import { PUNCTUATION } from '../embedding/fast-wordpiece.js';
import type { RawTally } from './corpus.js';

/** One vocabulary entry: the form, its stem's matrix column, and how often the archive used it. */
export interface WordForm {
  readonly form: string;
  readonly column: number;
  readonly count: number;
}

const PIECES = new RegExp(`[^\\s${PUNCTUATION}]+`, 'gu');
/** Shortest piece of a split token that stands for the token's stem. */
const MIN_PIECE_CHARS = 3;

/**
 * The forms of stems with a matrix column (`column[stem]`, -1: left out), most used first (ties
 * by form), at most `limit`. Votes are summed; the winning stem is the most used (ties: the
 * lower column), so the result does not depend on the order tokens were met in.
 */
export function wordForms(
  raw: ReadonlyMap<string, ReadonlyMap<string, RawTally>>,
  column: Int32Array,
  limit: number,
): WordForm[] {
  // Votes of each form: matrix column -> occurrences.
  const votes = new Map<string, Map<number, number>>();
  const vote = (form: string, term: number, count: number) => {
    let byStem = votes.get(form);
    if (byStem === undefined) {
      byStem = new Map();
      votes.set(form, byStem);
    }
    byStem.set(term, (byStem.get(term) ?? 0) + count);
  };
  for (const tokens of raw.values()) {
    for (const [token, tally] of tokens) {
      const term = column[tally.stem] ?? -1;
      if (term < 0) {
        continue;
      }
      const pieces = token.toLowerCase().match(PIECES) ?? [];
      for (const piece of pieces) {
        if (pieces.length === 1 || [...piece].length >= MIN_PIECE_CHARS) {
          vote(piece, term, tally.count);
        }
      }
    }
  }
  const forms = [...votes].map(([form, byColumn]) => ({ form, ...winner(byColumn) }));
  forms.sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  return forms.slice(0, limit);
}

/** The most voted column (ties: the lower one) and the total votes. */
function winner(byColumn: ReadonlyMap<number, number>): { column: number; count: number } {
  let best = -1;
  let bestCount = 0;
  let total = 0;
  for (const [column, count] of byColumn) {
    total += count;
    if (count > bestCount || (count === bestCount && column < best)) {
      best = column;
      bestCount = count;
    }
  }
  return { column: best, count: total };
}
