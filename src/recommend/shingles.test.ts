import { describe, expect, it } from 'vitest';
import { shingleOverlap, shinglesOf } from './shingles.js';

/** The shingles as plain strings (the definition the hashes stand for). */
function plainShingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`));
}

/** The overlap as the plain definition gives it: Jaccard of the sets of shingle strings. */
function plainOverlap(a: string, b: string): number {
  const [x, y] = [plainShingles(a), plainShingles(b)];
  const shared = [...x].filter((s) => y.has(s)).length;
  return x.size === 0 || y.size === 0 ? 0 : shared / (x.size + y.size - shared);
}

const TEXTS = [
  'The harbour of Kelvsby flooded on Monday; the mayor asked for state money.',
  'Kelvsby harbour flooded on Monday, and the mayor asked the state for money.',
  'The harbour of Kelvsby flooded on Monday; the mayor asked for state money. The harbour of Kelvsby',
  'Жодних військових НАТО в Україні: Захід погодився з вимогою Кремля',
  'Захід погодився з вимогою Кремля: жодних військових НАТО в Україні',
  'two words',
  '',
];

describe('shingles', () => {
  it('are sorted and unique', () => {
    const set = shinglesOf(TEXTS[2] as string);
    for (let i = 1; i < set.length; i += 1) {
      expect(set[i] as number).toBeGreaterThan(set[i - 1] as number);
    }
    expect(set.length).toBe(plainShingles(TEXTS[2] as string).size);
    expect(set.length).toBeLessThan(15); // two shingles repeat in that text
  });

  it('overlap exactly as the Jaccard of the shingle strings', () => {
    for (const a of TEXTS) {
      for (const b of TEXTS) {
        expect(shingleOverlap(shinglesOf(a), shinglesOf(b))).toBeCloseTo(plainOverlap(a, b), 12);
      }
    }
  });
});
