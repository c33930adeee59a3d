import { describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import type { Candidate } from './candidate.js';
import { collapseDuplicates, isDuplicate } from './dedupe.js';
import { shingleOverlap, shinglesOf } from './shingles.js';

/** Jaccard similarity of two texts' three-word shingles. */
const textOverlap = (a: string, b: string) => shingleOverlap(shinglesOf(a), shinglesOf(b));

import { freshnessKey, orderWithFreshness } from './freshness.js';
import { DEFAULT_SETTINGS } from './settings.js';

const WIRE =
  'Dockworkers at the port of Velhaven walked out on Monday in a dispute over pay, halting ' +
  'the container terminals. The union said the strike would last 48 hours unless the ' +
  'operator improved its offer. Ships queued outside the harbour and trucks were turned away.';

/** The same wire copy, lightly edited by a second desk under another headline. */
const EDITED =
  'Dockworkers at the port of Velhaven walked out on Monday in a row over pay, halting the ' +
  'container terminals. The union said the stoppage would last 48 hours unless the operator ' +
  'improved its offer. Ships queued outside the port and lorries were turned away.';

/** Another outlet's own report of the same event: same names, different sentences. */
const REWRITE =
  'Velhaven port came to a standstill as its dockworkers began a two-day strike. Union leaders ' +
  'want a better pay offer from the terminal operator; queues of ships formed offshore while ' +
  'hauliers were sent back.';

const rule = DEFAULT_SETTINGS.duplicate;

const candidate = (id: string, score: number, publishedAt?: string): Candidate => ({
  article: parseArticle({ id, title: id, publishedAt }),
  cosine: 0,
  lexical: 0,
  score,
  shared: () => [],
  copyOfSource: false,
  needsSharedName: false,
});

describe('textOverlap', () => {
  it('is high for a lightly edited copy and low for another outlet rewriting the event', () => {
    expect(textOverlap(WIRE, EDITED)).toBeGreaterThanOrEqual(rule.overlap);
    expect(textOverlap(WIRE, REWRITE)).toBeLessThan(rule.overlap);
  });

  it('is 1 for identical text and 0 for text too short to shingle', () => {
    expect(textOverlap(WIRE, WIRE)).toBe(1);
    expect(textOverlap('two words', WIRE)).toBe(0);
  });
});

describe('isDuplicate', () => {
  const edited = () => textOverlap(WIRE, EDITED);
  const rewrite = () => textOverlap(WIRE, REWRITE);

  it('takes a near-identical bag of terms as one story', () => {
    expect(isDuplicate({ cosine: 0.97, lexical: 0.9 }, rule)).toBe(true);
  });

  it('takes a lightly edited copy under a new headline as one story', () => {
    expect(isDuplicate({ cosine: 0.96, lexical: 0.6, overlap: edited }, rule)).toBe(true);
  });

  it('keeps another outlet’s report of the same event apart', () => {
    expect(isDuplicate({ cosine: 0.96, lexical: 0.6, overlap: rewrite }, rule)).toBe(false);
  });

  it('never joins texts whose embeddings point apart, whatever their words', () => {
    expect(isDuplicate({ cosine: 0.7, lexical: 0.95, overlap: edited }, rule)).toBe(false);
  });
});

describe('collapseDuplicates', () => {
  it('keeps one item per story in order, the fresher copy replacing the older in its place', () => {
    const list = [
      candidate('old-wire', 0.9, '2026-01-01T00:00:00Z'),
      candidate('other', 0.8),
      candidate('update', 0.7, '2026-01-02T00:00:00Z'),
      candidate('older-copy', 0.6, '2025-12-31T00:00:00Z'),
    ];
    const story = new Set(['old-wire', 'update', 'older-copy']);
    const isCopy = (i: number, j: number) =>
      story.has(list[i]?.article.id ?? '') && story.has(list[j]?.article.id ?? '');
    expect(collapseDuplicates(list, isCopy).map((c) => c.article.id)).toEqual(['update', 'other']);
  });
});

describe('collapseDuplicates with the shown items known', () => {
  /** Deterministic pseudo-random numbers in 0..1. */
  const random = (seed: number) => () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed / 0x1_0000_0000;
  };

  it('shows exactly what the full walk shows, with far fewer comparisons', () => {
    const reference = new Date('2026-03-01T00:00:00Z');
    const freshness = DEFAULT_SETTINGS.freshness;
    const key = freshnessKey(reference, freshness);
    let fullCalls = 0;
    let shortCalls = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const next = random(trial + 1);
      const list = Array.from({ length: 60 }, (_, i) => {
        const day = 1 + Math.floor(next() * 28);
        const published = `2026-02-${String(day).padStart(2, '0')}T00:00:00Z`;
        // Most trials have a few copies among 60 items (as lists do); some have many.
        const stories = trial % 5 === 0 ? 30 : 600;
        return {
          c: candidate(`c${i}`, 1 - next() * 0.5, published),
          story: Math.floor(next() * stories),
        };
      }).sort((a, b) => b.c.score - a.c.score);
      const items = list.map((entry) => entry.c);
      const copy = (counter: () => void) => (i: number, j: number) => {
        counter();
        return list[i]?.story === list[j]?.story;
      };
      const count = 1 + (trial % 8);
      const shown = (unique: Candidate[]) =>
        orderWithFreshness(unique, reference, freshness)
          .slice(0, count)
          .map((c) => c.article.id);
      const full = collapseDuplicates(
        items,
        copy(() => (fullCalls += 1)),
      );
      const short = collapseDuplicates(
        items,
        copy(() => (shortCalls += 1)),
        { count, key, bonus: freshness.weight },
      );
      expect(shown(short)).toEqual(shown(full));
    }
    expect(shortCalls).toBeLessThan(fullCalls / 2);
  });
});
