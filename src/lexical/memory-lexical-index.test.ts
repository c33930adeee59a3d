import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.js';
import { createLexicalIndex } from './memory-lexical-index.js';

const terms = (title: string, body = '') => analyzeText({ title, body });

const corpus = {
  storm: terms('Storm floods Kelvsby harbour', 'Coastguard evacuates Kelvsby as the storm hits.'),
  storm2: terms('Kelvsby harbour under water', 'The storm flooded Kelvsby; the coastguard helped.'),
  singer: terms('Singer announces world tour', 'The pop singer will play forty concerts.'),
  budget: terms('Minister presents budget', 'The finance minister wants lower taxes.'),
};

function filled() {
  const index = createLexicalIndex();
  for (const [id, weights] of Object.entries(corpus)) {
    index.upsert(id, weights);
  }
  return index;
}

describe('createLexicalIndex', () => {
  it('scores identical texts 1 and texts with no shared word 0', () => {
    const index = filled();
    expect(index.match(corpus.storm, 'storm').similarity).toBeCloseTo(1, 6);
    expect(index.match(corpus.storm, 'budget').similarity).toBe(0);
  });

  it('scores the same story above an unrelated one and names the shared terms', () => {
    const index = filled();
    const same = index.match(corpus.storm, 'storm2');
    expect(same.similarity).toBeGreaterThan(0.3);
    expect(same.sharedTerms).toContain('kelvsbi');
    expect(index.match(corpus.storm, 'singer').similarity).toBeLessThan(same.similarity);
  });

  it('follows document frequencies: a word in every article stops counting', () => {
    const index = createLexicalIndex();
    index.upsert('a', terms('alpha common', ''));
    index.upsert('b', terms('beta common', ''));
    const before = index.match(terms('common', ''), 'a').similarity;
    index.upsert('c', terms('gamma common', ''));
    index.remove('c');
    expect(index.match(terms('common', ''), 'a').similarity).toBeCloseTo(before, 9);
    index.upsert('c', terms('gamma common', ''));
    index.upsert('d', terms('delta common', ''));
    expect(index.match(terms('common', ''), 'a').similarity).toBeLessThan(before);
  });

  it('forgets removed articles', () => {
    const index = filled();
    index.remove('storm2');
    expect(index.size()).toBe(3);
    expect(index.match(corpus.storm, 'storm2').similarity).toBe(0);
    expect(index.query(corpus.storm).candidates(10)).not.toContain('storm2');
  });

  it('proposes articles sharing the source rarest terms as candidates', () => {
    const index = filled();
    expect(index.query(corpus.storm).candidates(2)).toEqual(['storm', 'storm2']);
  });

  it('compares two stored articles', () => {
    const index = filled();
    expect(index.between('storm', 'storm2')).toBeCloseTo(
      index.match(corpus.storm, 'storm2').similarity,
      9,
    );
    expect(index.between('missing', 'storm')).toBe(0);
  });

  it('compares an article as it now is, after a rewrite and after the statistics move', () => {
    const index = filled();
    const sameStory = index.between('storm', 'storm2');
    index.upsert('storm', corpus.singer);
    expect(index.between('storm', 'storm2')).toBe(0);
    expect(index.between('storm', 'singer')).toBeCloseTo(1, 6);
    index.upsert('storm', corpus.storm);
    expect(index.between('storm', 'storm2')).toBeCloseTo(sameStory, 12);
    // Twenty more articles with "storm" move its rarity (statistics refresh past a 2% drift).
    for (let i = 0; i < 20; i += 1) {
      index.upsert(`more${i}`, terms(`storm report ${i}`, ''));
    }
    expect(index.between('storm', 'storm2')).toBeCloseTo(
      index.match(corpus.storm, 'storm2').similarity,
      12,
    );
    expect(index.between('storm', 'storm2')).not.toBeCloseTo(sameStory, 6);
  });
});

describe('createLexicalIndex internals', () => {
  it('keeps weights that float32 cannot hold exactly', () => {
    const index = createLexicalIndex();
    index.upsert('a', { alpha: 1.1, gamma: 7 });
    index.upsert('b', { delta: 1 });
    // Every term has df 1, so idf cancels out of the cosine.
    const [alpha, gamma, delta] = [1.1, 7, 3].map((tf) => 1 + Math.log(tf)) as [
      number,
      number,
      number,
    ];
    const expected = (alpha * alpha) / (Math.hypot(alpha, delta) * Math.hypot(alpha, gamma));
    expect(index.match({ alpha: 1.1, delta: 3 }, 'a').similarity).toBeCloseTo(expected, 12);
  });

  it('replaces the terms of an article upserted again', () => {
    const index = filled();
    index.upsert('storm2', corpus.budget);
    expect(index.size()).toBe(4);
    expect(index.match(corpus.budget, 'storm2').similarity).toBeCloseTo(1, 6);
    expect(index.match(corpus.storm, 'storm2').similarity).toBe(0);
    expect(index.query(corpus.storm).candidates(10)).not.toContain('storm2');
  });

  it('orders shared terms by contribution, then alphabetically on ties', () => {
    const index = createLexicalIndex();
    index.upsert('a', { zeta: 1, alpha: 1, mid: 4 });
    index.upsert('b', { other: 1 });
    expect(index.match({ zeta: 1, alpha: 1, mid: 4 }, 'a').sharedTerms).toEqual([
      'mid',
      'alpha',
      'zeta',
    ]);
  });

  it('posts only the heaviest terms of a long article, ties broken alphabetically', () => {
    const index = createLexicalIndex();
    const long: Record<string, number> = {};
    for (let i = 0; i < 100; i += 1) {
      long[`w${String(i).padStart(3, '0')}`] = 1;
    }
    index.upsert('long', long);
    index.upsert('other', { unrelated: 1 });
    expect(index.query({ w000: 1 }).candidates(5)).toEqual(['long']);
    expect(index.query({ w099: 1 }).candidates(5)).toEqual([]);
  });

  it('reuses the slot of a removed article without mixing their terms', () => {
    const index = filled();
    index.remove('singer');
    index.upsert('singer2', corpus.singer);
    expect(index.match(corpus.singer, 'singer2').similarity).toBeCloseTo(1, 6);
    expect(index.match(corpus.singer, 'singer').similarity).toBe(0);
    expect(index.query(corpus.singer).candidates(5)).toEqual(['singer2']);
  });
});

describe('LexicalQuery.similarity', () => {
  it('is exactly match().similarity, with several queries alive and used in turns', () => {
    const index = filled();
    index.upsert('late', terms('Storm season ends', 'A quiet week at Kelvsby harbour.'));
    const sources = [corpus.storm, corpus.singer, terms('Harbour tour', 'singer storm taxes')];
    const queries = sources.map((source) => index.query(source));
    const ids = [...Object.keys(corpus), 'late', 'unknown'];
    const seen = new Set<number>();
    for (let round = 0; round < 3; round += 1) {
      queries.forEach((query, q) => {
        for (const id of ids) {
          const fast = query.similarity(id);
          expect(fast).toBe(query.match(id).similarity);
          expect(fast).toBe(index.match(sources[q] ?? {}, id).similarity);
          seen.add(fast);
        }
      });
    }
    expect(seen.size).toBeGreaterThan(4);
  });
});
