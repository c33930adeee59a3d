import { describe, expect, it } from 'vitest';
import { chunkTokenIds, frameSequence, inferFrame, windowSizeFor } from './chunking.js';

const ids = (count: number) => Array.from({ length: count }, (_, i) => i);

describe('chunkTokenIds', () => {
  it('keeps a short body in one window', () => {
    expect(chunkTokenIds(ids(5), 10)).toEqual([ids(5)]);
  });

  it('covers every token of a long body, in order, within the window size', () => {
    const chunks = chunkTokenIds(ids(3000), 254);
    expect(chunks.flat()).toEqual(ids(3000));
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(254);
  });

  it('balances the windows instead of leaving a short tail', () => {
    expect(chunkTokenIds(ids(600), 256).map((chunk) => chunk.length)).toEqual([200, 200, 200]);
    expect(chunkTokenIds(ids(11), 4).map((chunk) => chunk.length)).toEqual([4, 4, 3]);
  });

  it('gives no window for an empty body', () => {
    expect(chunkTokenIds([], 8)).toEqual([]);
  });

  it('rejects a window size below one', () => {
    expect(() => chunkTokenIds(ids(3), 0)).toThrow(RangeError);
  });
});

describe('frames', () => {
  it('reads the special tokens around a text from the tokenizer output', () => {
    const frame = inferFrame([7, 8], [101, 7, 8, 102], [5]);
    expect(frame).toEqual({ leading: [101], trailing: [102], prefix: [5] });
    expect(frameSequence(frame, [9, 10])).toEqual([101, 5, 9, 10, 102]);
  });

  it('leaves room for specials and prefix within the maximum length', () => {
    expect(windowSizeFor({ leading: [0], trailing: [2], prefix: [5, 6] }, 256)).toBe(252);
    expect(() => windowSizeFor({ leading: [0], trailing: [2], prefix: [] }, 2)).toThrow(RangeError);
  });

  it('refuses a tokenizer whose specials change the text ids', () => {
    expect(() => inferFrame([7, 8], [101, 7, 9, 102], [])).toThrow();
  });
});
