import { describe, expect, it } from 'vitest';
import { isProducibleWord, selectVocabulary } from './vocabulary.js';

describe('vocabulary', () => {
  it('keeps words and single punctuation marks the BERT tokenizer can emit', () => {
    expect(isProducibleWord('nato')).toBe(true);
    expect(isProducibleWord('2014')).toBe(true);
    expect(isProducibleWord(',')).toBe(true);
  });

  it('drops hyphenated, accented, uppercase and special-token entries', () => {
    expect(isProducibleWord('well-known')).toBe(false);
    expect(isProducibleWord("n't")).toBe(false);
    expect(isProducibleWord('café')).toBe(false);
    expect(isProducibleWord('Nato')).toBe(false);
    expect(isProducibleWord('[UNK]')).toBe(false);
  });

  it('selects the most frequent producible words in rank order', () => {
    expect(selectVocabulary(['the', 'well-known', ',', 'war', 'peace'], 3)).toEqual([0, 2, 3]);
  });
});
