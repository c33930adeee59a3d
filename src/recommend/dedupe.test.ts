import { describe, expect, it } from 'vitest';
import { isDuplicate, textOverlap } from './dedupe.js';
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
