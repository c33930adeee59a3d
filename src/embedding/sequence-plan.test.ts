import { describe, expect, it } from 'vitest';
import { assembleArticles, packBatches, planSequences } from './sequence-plan.js';

const frame = { leading: [101], trailing: [102], prefix: [] };

describe('planSequences', () => {
  it('makes one sequence for the title and one per body window', () => {
    const plan = planSequences([{ title: [1, 2], body: [3, 4, 5, 6, 7] }], frame, 3);
    expect(plan.map((s) => [s.part, s.ids])).toEqual([
      ['title', [101, 1, 2, 102]],
      ['chunk', [101, 3, 4, 5, 102]],
      ['chunk', [101, 6, 7, 102]],
    ]);
  });

  it('skips an empty title and an empty body', () => {
    expect(planSequences([{ title: [], body: [] }], frame, 3)).toEqual([]);
  });
});

describe('packBatches', () => {
  it('sorts by length and keeps each padded batch within the token budget', () => {
    const plan = planSequences(
      [
        { title: [1], body: [1, 2, 3, 4, 5, 6] },
        { title: [1, 2, 3], body: [1] },
      ],
      frame,
      10,
    );
    const batches = packBatches(plan, 12, 10);
    for (const batch of batches) {
      const longest = Math.max(...batch.map((s) => s.ids.length));
      expect(batch.length * longest).toBeLessThanOrEqual(12);
    }
    expect(batches.flat().map((s) => s.ids.length)).toEqual([3, 3, 5, 8]);
  });

  it('never leaves a sequence out, even one above the budget', () => {
    const plan = planSequences([{ title: [], body: [1, 2, 3, 4, 5, 6, 7, 8, 9] }], frame, 20);
    expect(packBatches(plan, 4, 10)).toHaveLength(1);
  });
});

describe('assembleArticles', () => {
  it('builds one unit vector per article from its pooled parts', () => {
    const plan = planSequences(
      [
        { title: [1], body: [2] },
        { title: [3], body: [] },
      ],
      frame,
      4,
    );
    const pooled = new Map(plan.map((s, i) => [s, Float32Array.from(i === 1 ? [0, 1] : [1, 0])]));
    const [first, second] = assembleArticles(2, pooled, 0.5, 2);
    expect(first?.[0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect([...(second ?? [])]).toEqual([1, 0]);
  });
});
