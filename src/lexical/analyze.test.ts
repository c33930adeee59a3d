import { describe, expect, it } from 'vitest';
import {
  analyzeDetailed,
  analyzePacked,
  analyzeText,
  stemsOf,
  TERM_WEIGHTS,
  tokens,
} from './analyze.js';
import { unpackTerms } from './packed-terms.js';

/** Texts exercising every rule: names, acronyms, possessives, demonyms, digits, accents. */
const VARIED = [
  {
    title: "Russia's U.S. envoy meets NATO",
    body: 'Russian troops and Ukrainians.\nThe envoy said "Talks" went well; AT&T and G8 agreed.',
  },
  {
    title: 'Élan at the Café',
    body: 'O’Neill’s café in Zürich — “Quoted” words. 3.14 per cent. Elections, elections, election.',
  },
  {
    title: '',
    body: 'NATO leaders meet. Kowalski met the Kowalskis in Indiana; Americans watched Chinese TV.',
  },
  { title: 'Storms', body: '' },
];

/** A text of more distinct tokens than the analyser remembers, so its memory is emptied. */
const MANY_WORDS = Array.from({ length: 60_000 }, (_, i) => `zq${i.toString(36)}x`).join(' ');

const snapshot = (input: { title: string; body: string }) => {
  const { weights, surfaces } = analyzeDetailed(input);
  return JSON.stringify([analyzeText(input), weights, [...surfaces], tokens(input.body)]);
};

describe('analyzeText', () => {
  it('drops stopwords and one-letter tokens, and keeps numbers of two characters or more', () => {
    const terms = analyzeText({ title: 'The 2024 budget', body: 'He said a 3 per cent rise.' });
    expect(Object.keys(terms).sort()).toEqual(['2024', 'budget', 'cent', 'rise']);
  });

  it('keeps a quantity as one term, thousands separators dropped', () => {
    const terms = analyzeText({ title: 'x', body: 'A 4.6 quake; 2,500 people left.' });
    expect(terms['4.6']).toBe(TERM_WEIGHTS.number);
    expect(terms['2500']).toBeUndefined();
    expect(terms['500']).toBe(TERM_WEIGHTS.number);
  });

  it('keeps only the heaviest numbers of a report full of figures', () => {
    const terms = analyzeText({ title: 'Profit 2026', body: 'Net 11 12 13 14 15 16 17 and 17.' });
    const numbers = Object.keys(terms).filter((term) => /^[0-9.]+$/.test(term));
    // The title's number, the repeated one, then the first of the ties.
    expect(numbers.sort()).toEqual(['11', '17', '2026']);
    expect(TERM_WEIGHTS.maxNumbers).toBe(3);
  });

  it('counts weekdays as evidence (two reports of one event name its day)', () => {
    expect(analyzeText({ title: 'Quake on Thursday', body: '' }).thursdai).toBe(TERM_WEIGHTS.title);
  });

  it('leaves numbers out of the plain stems (the TF-IDF baseline and the archive model)', () => {
    expect(stemsOf('A 4.6 quake in 2013')).toEqual(['quak']);
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

describe('the analyser memory', () => {
  it('analyses a text the same on first sight, when remembered, and after forgetting', () => {
    const first = VARIED.map(snapshot);
    expect(VARIED.map(snapshot)).toEqual(first);
    analyzeText({ title: '', body: MANY_WORDS });
    expect(VARIED.map(snapshot)).toEqual(first);
  });

  it('keeps the words of one long analysis apart from the next one', () => {
    const alone = snapshot(VARIED[0] ?? { title: '', body: '' });
    const long = analyzeText({ title: 'Storms', body: `${MANY_WORDS} storm storms` });
    expect(long.storm).toBe(TERM_WEIGHTS.title + 2 * TERM_WEIGHTS.body);
    expect(snapshot(VARIED[0] ?? { title: '', body: '' })).toBe(alone);
  });
});

describe('packed terms', () => {
  it('unpack to exactly what analyzeText gives, keys in the same order', () => {
    for (const input of VARIED) {
      expect(JSON.stringify(unpackTerms(analyzePacked(input)))).toBe(
        JSON.stringify(analyzeText(input)),
      );
    }
  });

  it('unpack to no terms for a text without content words', () => {
    expect(unpackTerms(analyzePacked({ title: 'The', body: 'a 2 of' }))).toEqual({});
  });
});

describe('tags', () => {
  it('count as lexical evidence, weighed as title words', () => {
    const terms = analyzeText({ title: 'Harbour', body: 'Quay.', tags: ['chess olympiad'] });
    expect(terms.olympiad).toBe(TERM_WEIGHTS.title);
    expect(Object.keys(analyzeText({ title: 'Harbour', body: 'Quay.' }))).not.toContain('olympiad');
  });
});
