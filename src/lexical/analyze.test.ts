import { describe, expect, it } from 'vitest';
import { analyzeDetailed, analyzeText, TERM_WEIGHTS, tokens } from './analyze.js';

describe('analyzeText', () => {
  it('drops stopwords, numbers and one-letter tokens', () => {
    const terms = analyzeText({ title: 'The 2024 budget', body: 'He said a 3 per cent rise.' });
    expect(Object.keys(terms).sort()).toEqual(['budget', 'cent', 'rise']);
  });

  it('weighs a title word above the same word in the body', () => {
    const terms = analyzeText({ title: 'Harbour', body: 'the harbour and the harbour' });
    expect(terms.harbour).toBe(TERM_WEIGHTS.title + 2 * TERM_WEIGHTS.body);
  });

  it('weighs a capitalised name inside a sentence above a common word', () => {
    const terms = analyzeText({ title: 'x', body: 'Troops met Kowalski near the bridge today.' });
    expect(terms.kowalski).toBe(TERM_WEIGHTS.name);
    expect(terms.bridg).toBe(TERM_WEIGHTS.body);
    expect(terms.troop).toBe(TERM_WEIGHTS.body);
  });

  it('treats short acronyms as names even at the start of a sentence', () => {
    expect(tokens('NATO leaders meet.')[0]).toEqual({ surface: 'nato', isName: true });
  });

  it('stems inflections together and keeps the most frequent surface form', () => {
    const { weights, surfaces } = analyzeDetailed({
      title: 'Elections',
      body: 'The elections were close; the election result was late. More elections follow.',
    });
    expect(Object.keys(weights)).toContain('elect');
    expect(surfaces.get('elect')).toBe('elections');
  });

  it('strips possessives so "Orban\'s" and "Orban" are one term', () => {
    const terms = analyzeText({ title: "Orban's veto", body: 'Orban again.' });
    expect(terms.orban).toBe(TERM_WEIGHTS.title + TERM_WEIGHTS.body);
  });
});

describe('demonyms', () => {
  it('folds "Russian" and "Ukrainians" into the places they name', () => {
    const a = analyzeText({ title: 'Russian forces advance', body: 'Ukrainians flee the front.' });
    const b = analyzeText({ title: 'Russia and Ukraine', body: '' });
    const shared = Object.keys(a).filter((term) => term in b);
    expect(shared.sort()).toEqual(Object.keys(b).sort());
  });

  it('leaves words that only look like demonyms alone', () => {
    expect(Object.keys(analyzeText({ title: 'Indiana votes', body: '' }))).not.toContain('india');
  });
});
