/**
 * Folding for Ukrainian and Russian beyond the Snowball stemmers, which leave one word in several
 * terms (Росія "рос" but Росії "росі", військові "військ" but військових "військов") and cannot
 * know the vowel alternation of Ukrainian names (Київ, Києва; Львів, Львова). Two steps, both
 * standard in information retrieval for highly inflected languages: trailing vowels of a stem go,
 * and the stem is cut to its first `SLAVIC_PREFIX` letters (prefix truncation, which measures as
 * well as a stemmer for Slavic languages and folds the derivations a stemmer keeps apart:
 * миротворці, миротворців, миротворчої).
 */

/** Letters kept of a Ukrainian or Russian stem. */
export const SLAVIC_PREFIX = 6;

const TRAILING_VOWELS = /[аеєиіїоуюяьйыэё]+$/u;
const MIN_STEM = 3;

/**
 * A capitalised Ukrainian word ending in -ів/-їв (Львів, Київ, Харків) is a name whose other
 * cases alternate the vowel (Львова, Києва, Харкова): give it the oblique form's vowel, so the
 * stemmer sees one stem.
 */
export function foldSlavicName(surface: string, raw: string, language: string): string {
  const first = raw.charAt(0);
  if (language !== 'uk' || first === first.toLowerCase() || surface.length < 4) {
    return surface;
  }
  if (surface.endsWith('їв')) {
    return `${surface.slice(0, -2)}єв`;
  }
  if (surface.endsWith('ів')) {
    return `${surface.slice(0, -2)}ов`;
  }
  return surface;
}

/** A stem without trailing vowels (keeping at least three letters), cut to `SLAVIC_PREFIX`. */
export function foldSlavicStem(stem: string): string {
  const bare = stem.replace(TRAILING_VOWELS, '');
  const kept = bare.length >= MIN_STEM ? bare : stem;
  return kept.slice(0, SLAVIC_PREFIX);
}
