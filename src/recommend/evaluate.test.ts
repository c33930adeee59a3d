import { describe, expect, it } from 'vitest';
import { evaluateLists, sameLabelCounts } from './evaluate.js';

const labels = new Map<string, string[]>([
  ['s1', ['war']],
  ['w1', ['war']],
  ['w2', ['war', 'politics']],
  ['p1', ['politics']],
  ['c1', ['celebrity']],
]);

describe('evaluateLists', () => {
  it('counts precision over shown items, recall against what was available', () => {
    const m = evaluateLists([{ id: 's1', shown: ['w1', 'c1'] }], labels, 5);
    expect(m.precisionAtK).toBe(0.5);
    expect(m.recallAtK).toBe(0.5); // 1 relevant of min(5, 2 available)
    expect(m.offTopicListShare).toBe(1);
    expect(m.emptyListShare).toBe(0);
  });

  it('counts an empty list apart: not in precision, zero recall, in emptyListShare', () => {
    const m = evaluateLists(
      [
        { id: 's1', shown: [] },
        { id: 'p1', shown: ['w2'] },
      ],
      labels,
      2,
    );
    expect(m.precisionAtK).toBe(1);
    expect(m.recallAtK).toBe(0.5); // s1: 0/2, p1: 1/1
    expect(m.emptyListShare).toBe(0.5);
    expect(m.offTopicListShare).toBe(0);
    expect(m.articles).toBe(2);
    expect(m.k).toBe(2);
  });

  it('counts the empty list of a teaser as right: in emptyListShare, not in emptyMissShare', () => {
    const m = evaluateLists(
      [
        { id: 'c1', shown: [] }, // nothing else is celebrity news: empty is right
        { id: 's1', shown: [] }, // two war articles exist: an empty box where one belonged
        { id: 'p1', shown: ['w2'] },
      ],
      labels,
      2,
    );
    expect(m.emptyListShare).toBeCloseTo(2 / 3, 9);
    expect(m.emptyMissShare).toBe(0.5);
  });

  it('counts an item under a teaser as off-topic, at precision 0', () => {
    const m = evaluateLists([{ id: 'c1', shown: ['w1'] }], labels, 2);
    expect(m.precisionAtK).toBe(0);
    expect(m.offTopicListShare).toBe(1);
    expect(m.emptyMissShare).toBe(0);
  });

  it('rewards relevant items ranked higher in nDCG', () => {
    const first = evaluateLists([{ id: 's1', shown: ['w1', 'c1'] }], labels, 2).ndcgAtK;
    const second = evaluateLists([{ id: 's1', shown: ['c1', 'w1'] }], labels, 2).ndcgAtK;
    expect(first).toBeGreaterThan(second);
    const perfect = evaluateLists([{ id: 's1', shown: ['w1', 'w2'] }], labels, 2).ndcgAtK;
    expect(perfect).toBeCloseTo(1, 9);
  });

  it('looks only at the first k items shown', () => {
    const m = evaluateLists([{ id: 's1', shown: ['w1', 'c1'] }], labels, 1);
    expect(m.precisionAtK).toBe(1);
    expect(m.offTopicListShare).toBe(0);
  });
});

describe('sameLabelCounts', () => {
  it('counts other articles sharing any label, each once', () => {
    const counts = sameLabelCounts(labels);
    expect(counts.get('w2')).toBe(3); // s1, w1 (war) and p1 (politics)
    expect(counts.get('c1')).toBe(0);
  });
});
