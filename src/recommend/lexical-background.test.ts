import { describe, expect, it } from 'vitest';
import { type LexicalBackground, lexicalZ } from './lexical-background.js';

/** Random-pair similarities of `articles` articles: mostly 0.01, a share `heavy` at 0.15. */
function background(articles: number, heavy: number): LexicalBackground {
  const pairs = (articles * (articles - 1)) / 2;
  const high = Math.round(pairs * heavy);
  const values = Array.from({ length: pairs }, (_, i) => (i < high ? 0.15 : 0.01));
  return { similarities: Float64Array.from(values) };
}

describe('lexicalZ', () => {
  it("believes a full sample's heavy tail: a similarity 2% of random pairs reach is no signal", () => {
    expect(lexicalZ(0.15, background(128, 0.02))).toBeLessThan(2.2);
  });

  it('keeps the fitted tail in a small archive, whose own stories make up its tail', () => {
    expect(lexicalZ(0.15, background(46, 0.02))).toBeGreaterThan(3.5);
  });
});
