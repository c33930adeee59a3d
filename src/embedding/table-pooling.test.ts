import { describe, expect, it } from 'vitest';
import { modelSettings } from './model-registry.js';
import type { PlannedSequence } from './sequence-plan.js';
import { poolFromTable, tokenRows } from './table-pooling.js';
import { createTokenTable } from './token-table.js';

const sequence = (ids: number[]): PlannedSequence => ({
  article: 0,
  part: 'chunk',
  ids,
  textTokens: ids.length,
});

describe('tokenRows', () => {
  it('counts up to the largest id of the vocabulary and the added tokens', () => {
    const vocab = new Map([
      ['[PAD]', 0],
      ['news', 7],
    ]);
    expect(tokenRows({ model: { tokens_to_ids: vocab } })).toBe(8);
    expect(tokenRows({ model: { tokens_to_ids: vocab }, added_tokens: [{ id: 11 }] })).toBe(12);
  });

  it('knows no size for a tokenizer without a vocabulary map', () => {
    expect(tokenRows({ model: { tokens_to_ids: { news: 7 } } })).toBe(0);
    expect(tokenRows({})).toBe(0);
  });
});

describe('poolFromTable', () => {
  const table = createTokenTable(Float32Array.from([0, 0, 3, 4, 1, 0]), 3, 2);
  const settings = modelSettings('any/model');

  it('pools and normalizes every sequence', () => {
    // Row 1 is (3, 4); the mean of rows 1 and 2 is (2, 2).
    const pooled = [...poolFromTable(table, settings, [sequence([1]), sequence([1, 2])], 'm')];
    const [one, two] = pooled.map(([, vector]) => [...vector]);
    expect(one?.[0]).toBeCloseTo(0.6, 6);
    expect(one?.[1]).toBeCloseTo(0.8, 6);
    expect(two?.[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(two?.[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('fails with EMBEDDING_FAILED on an id outside the table', () => {
    expect(() => poolFromTable(table, settings, [sequence([0, 3])], 'm')).toThrow(
      expect.objectContaining({ code: 'EMBEDDING_FAILED' }),
    );
  });
});
