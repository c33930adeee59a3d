import { describe, expect, it } from 'vitest';
import { stemsOf } from './analyze.js';
import { isReasonTerm } from './generic-words.js';

const stem = (word: string, language = 'en') => stemsOf(word, language)[0] ?? word;

describe('isReasonTerm', () => {
  it('refuses the generic words of news as reasons, in any form', () => {
    for (const word of ['people', 'time', 'six', 'announces', 'announced', 'final', 'title']) {
      expect(isReasonTerm(stem(word), 'en')).toBe(false);
    }
  });

  it('accepts the distinctive words and names a reader takes as a reason', () => {
    for (const word of ['chess', 'measles', 'Lumetra', 'earthquake', 'ceasefire']) {
      expect(isReasonTerm(stem(word), 'en')).toBe(true);
    }
  });

  it('accepts a quantity or a date, not a small number', () => {
    expect(isReasonTerm('4.6', 'en')).toBe(true);
    expect(isReasonTerm('2013', 'en')).toBe(true);
    expect(isReasonTerm('14', 'en')).toBe(false);
  });

  it('has Ukrainian generic words of its own', () => {
    expect(isReasonTerm(stem('людей', 'uk'), 'uk')).toBe(false);
    expect(isReasonTerm(stem('миротворці', 'uk'), 'uk')).toBe(true);
    for (const word of ['відповісти', 'національного', 'працювали', 'сезоні', 'матчі']) {
      expect(isReasonTerm(stem(word, 'uk'), 'uk')).toBe(false);
    }
  });
});
