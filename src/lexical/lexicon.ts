/**
 * The analyser's memory of words: each raw token seen (as cut from the text, case and all) maps
 * to its content word (normalised surface and Porter stem), computed once, so the regexes, the
 * demonym lookup and the stemmer run once per distinct token rather than once per occurrence.
 * Each stem has one mutable tally that an analysis adds its weights to, so counting an article
 * needs no hashing beyond the token lookup. Bounded: when it holds more than `limit` tokens it
 * forgets them all, at the start of the next analysis (never during one, so the tokens of one
 * analysis always share their stem's tally).
 */

/** One stem's weight in the analysis running now (`epoch` says which analysis wrote it). */
export interface StemTally {
  readonly stem: string;
  weight: number;
  epoch: number;
}

/** A content word: its normalised surface and its stem's tally. */
export interface LexiconWord {
  readonly surface: string;
  readonly tally: StemTally;
}

/** What a raw token is: its surface and stem, or null when it is no content word. */
export type WordRule = (raw: string) => { readonly surface: string; readonly stem: string } | null;

export interface Lexicon {
  /** Starts an analysis (forgetting everything first when over the limit); its epoch. */
  begin(): number;
  /** The content word of `raw`, or null for a token that is none (a stopword, a number). */
  word(raw: string): LexiconWord | null;
  /** Raw tokens remembered now. */
  size(): number;
}

/** A lexicon applying `rule` to each new token, remembering about `limit` tokens. */
export function createLexicon(rule: WordRule, limit: number): Lexicon {
  const words = new Map<string, LexiconWord | null>();
  const tallies = new Map<string, StemTally>();
  let epoch = 0;
  const learn = (raw: string): LexiconWord | null => {
    // A copy: a key cut from an article body would otherwise keep the whole body alive.
    const key = ` ${raw}`.slice(1);
    const found = rule(key);
    let word: LexiconWord | null = null;
    if (found !== null) {
      let tally = tallies.get(found.stem);
      if (tally === undefined) {
        tally = { stem: found.stem, weight: 0, epoch: 0 };
        tallies.set(found.stem, tally);
      }
      word = { surface: found.surface, tally };
    }
    words.set(key, word);
    return word;
  };
  return {
    begin() {
      if (words.size > limit) {
        words.clear();
        tallies.clear();
      }
      epoch += 1;
      return epoch;
    },
    word(raw) {
      const known = words.get(raw);
      return known !== undefined ? known : learn(raw);
    },
    size: () => words.size,
  };
}
