/**
 * Which GloVe words enter the model's WordPiece vocabulary: only words the tokenizer can produce
 * (BertNormalizer lowercases and strips accents; BertPreTokenizer splits on whitespace and every
 * punctuation character), the most frequent first, after the special tokens.
 */

/** Special tokens, in id order: ids 0..3 of every static model. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

// The same character classes as transformers.js' BertPreTokenizer (PUNCTUATION_REGEX).
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const ONE_PRE_TOKEN = new RegExp(`^(?:[^\\s${PUNCTUATION}]+|[${PUNCTUATION}])$`, 'u');

/** True when the tokenizer can ever emit `word` as one token (e.g. not `well-known`, not `café`). */
export function isProducibleWord(word: string): boolean {
  if (!ONE_PRE_TOKEN.test(word)) {
    return false;
  }
  const normalized = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return normalized === word && !(SPECIAL_TOKENS as readonly string[]).includes(word);
}

/** The frequency ranks of the first `size` producible words, most frequent first. */
export function selectVocabulary(words: readonly string[], size: number): number[] {
  const ranks: number[] = [];
  for (let rank = 0; rank < words.length && ranks.length < size; rank += 1) {
    const word = words[rank];
    if (word !== undefined && isProducibleWord(word)) {
      ranks.push(rank);
    }
  }
  return ranks;
}
