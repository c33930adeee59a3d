import { describe, expect, it } from 'vitest';
import { analyzeArticle, analyzeText, stemsOf } from './analyze.js';
import { detectLanguage } from './detect-language.js';
import { rulesFor } from './languages.js';

const stemsIn = (language: string, words: string) => new Set(stemsOf(words, language));

describe('per-language analysis', () => {
  it('folds the case forms of a Ukrainian place into one term', () => {
    expect(stemsIn('uk', 'Україна України Україні Україну').size).toBe(1);
    expect(stemsIn('uk', 'Росія Росії Росію').size).toBe(1);
  });

  it('folds the vowel alternation of Ukrainian city names', () => {
    expect(stemsIn('uk', 'Київ Києва Києві').size).toBe(1);
    expect(stemsIn('uk', 'Львів Львова Львові').size).toBe(1);
  });

  it('makes one term of миротворці, миротворців and миротворчої', () => {
    expect(stemsIn('uk', 'миротворці миротворців миротворчої').size).toBe(1);
  });

  it('drops Ukrainian function words and reporting verbs', () => {
    expect(stemsOf('що та заявив у році', 'uk')).toEqual([]);
  });

  it('stems Russian with its own stemmer and stopwords', () => {
    expect(stemsIn('ru', 'Украина Украины Украину').size).toBe(1);
    expect(stemsOf('и в не что', 'ru')).toEqual([]);
  });

  it('stems the other languages the library covers, by primary subtag', () => {
    expect(rulesFor('de-AT').language).toBe('de');
    expect(stemsIn('de', 'Hafens Hafen').size).toBe(1);
    expect(stemsOf('und der die', 'de')).toEqual([]);
  });

  it('keeps English as it was: Porter stems, demonyms folded', () => {
    expect(stemsOf('Russian elections', 'en')).toEqual(stemsOf('Russia election', undefined));
  });

  it('leaves a language no library covers as lower-case words', () => {
    expect(rulesFor('xx').language).toBe('und');
    expect(stemsOf('Kowalski Kowalskiego', 'xx')).toEqual(['kowalski', 'kowalskiego']);
  });

  it('gives the archive model the same stems as the lexical index', () => {
    const terms = analyzeText({ title: 'Кремль наполягає', body: '', language: 'uk' });
    expect(Object.keys(terms).sort()).toEqual(stemsOf('Кремль наполягає', 'uk').sort());
  });
});

describe('language detection', () => {
  it('tells Ukrainian, Russian and English apart', () => {
    const uk = { title: 'Кремль наполягає: миротворці країн НАТО в Україні неприйнятні', body: '' };
    const ru = {
      title: 'Кремль настаивает: миротворцы стран НАТО на Украине неприемлемы',
      body: '',
    };
    const en = { title: 'The mayor said on Tuesday that the harbour will reopen', body: '' };
    expect([detectLanguage(uk), detectLanguage(ru), detectLanguage(en)]).toEqual([
      'uk',
      'ru',
      'en',
    ]);
  });

  it('falls back to English for text it cannot tell', () => {
    expect(detectLanguage({ title: 'ok', body: '' })).toBe('en');
  });

  it('uses a given language over the detected one', () => {
    const title = 'Кремль наполягає: миротворці країн НАТО в Україні неприйнятні';
    expect(analyzeArticle({ title, body: '' }).language).toBe('uk');
    expect(analyzeArticle({ title, body: '', language: 'ru' }).language).toBe('ru');
  });
});
