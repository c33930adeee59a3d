/**
 * The shape of a word as written: its normalised surface (lower case, possessive and inner
 * apostrophes gone) and whether it looks like a name (capitalised inside a sentence, or an
 * acronym), which weighs more in the analysis.
 */

const SENTENCE_END = /[.!?:;\n]/;
const OPENERS = /[\s"'“‘([«—–-]/;

/** Lower-case word, possessive and inner apostrophes removed. */
export function normalise(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

/** Capitalised inside a sentence, or an acronym: probably a name. */
export function looksLikeName(raw: string, text: string, index: number): boolean {
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

/** The most frequent key of `counts` (ties: the first in code-unit order). */
export function mostFrequent(counts: ReadonlyMap<string, number> | undefined): string | undefined {
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
