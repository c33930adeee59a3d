/**
 * Fusion: the embedding cosine, the lexical similarity and the publication gap become one score
 * in 0..1 that means the same for every source. The cosine is first standardised against the
 * archive's background (random pairs of stored articles), so "0.8" of one model or archive is not
 * "0.8" of another; then a graded logistic combination adds the exact-word evidence.
 */
import { cosine } from '../vectors.js';
import type { RelevanceSettings } from './settings.js';

/** Mean and spread of the cosine between random pairs of stored articles. */
export interface Background {
  readonly mean: number;
  readonly std: number;
}

/**
 * The archive's background: mean and spread of the cosine between random pairs of stored
 * articles, shrunk toward the prior while the sample is small (a store of ten articles, half of
 * them on one topic, says little about what "unusually similar" means). Standardising against it
 * makes the same threshold mean the same for any model and any archive: 0.6 of a model whose
 * random pairs score 0.1 is not 0.6 of a model whose random pairs score 0.45. A pair `isCopy`
 * calls two copies of one text is no pair of two articles and is left out.
 */
export function pairBackground(
  sample: readonly Float32Array[],
  prior: RelevanceSettings['background'],
  isCopy?: (i: number, j: number, similarity: number) => boolean,
): Background {
  let sum = 0;
  let squares = 0;
  let pairs = 0;
  for (let i = 0; i < sample.length; i += 1) {
    for (let j = i + 1; j < sample.length; j += 1) {
      // biome-ignore lint/style/noNonNullAssertion: indexes are in range
      const c = cosine(sample[i]!, sample[j]!);
      if (isCopy?.(i, j, c)) {
        continue;
      }
      sum += c;
      squares += c * c;
      pairs += 1;
    }
  }
  // The prior is worth `priorWeight` articles, i.e. as many pairs as that many articles make.
  const priorPairs = (prior.priorWeight * (prior.priorWeight - 1)) / 2;
  const n = pairs + priorPairs;
  const mean = (sum + priorPairs * prior.priorMean) / n;
  const priorSquares = priorPairs * (prior.priorStd ** 2 + prior.priorMean ** 2);
  const variance = Math.max((squares + priorSquares) / n - mean * mean, 1e-6);
  return { mean, std: Math.sqrt(variance) };
}

/** How many background spreads the cosine lies above the background mean. */
export function standardise(similarity: number, background: Background): number {
  return (similarity - background.mean) / background.std;
}

/** Publication gap in days between two articles; undefined when either date is unknown. */
export function daysApart(a: string | undefined, b: string | undefined): number | undefined {
  const ta = a ? Date.parse(a) : Number.NaN;
  const tb = b ? Date.parse(b) : Number.NaN;
  return daysBetween(ta, tb);
}

/** Days between two times in ms; undefined when either is NaN (unknown). */
export function daysBetween(ta: number, tb: number): number | undefined {
  return Number.isNaN(ta) || Number.isNaN(tb) ? undefined : Math.abs(ta - tb) / 86_400_000;
}

/** Evidence of the publication gap for "same story", -1..1: +1 same day, 0 at the half-life, -1 far apart. */
export function timeEvidence(days: number | undefined, halfLifeDays: number): number {
  return days === undefined ? 0 : 2 * 2 ** (-days / halfLifeDays) - 1;
}

/**
 * The fused relevance score in 0..1: the expected graded relevance of the item. A same-story item
 * (distinctive words shared, published around the same time) is worth 1, a same-topic item
 * (standardised embedding cosine, helped a little by shared words) is worth `topicGain`, so the
 * same story ranks first and a topic item must be a fairly sure one to pass the threshold. The
 * publication gap only moves the story evidence: without shared words it adds nothing. Also
 * returns P(same story) alone.
 */
export function fusedScore(
  evidence: { z: number; lexical: number; days?: number | undefined },
  fusion: RelevanceSettings['fusion'],
): { score: number; story: number } {
  const { z, lexical } = evidence;
  const time = timeEvidence(evidence.days, fusion.storyHalfLifeDays);
  const story = sigmoid(
    fusion.storySlope * (lexical - fusion.storyMidpoint) + fusion.storyTime * time,
  );
  const topic = sigmoid(
    fusion.topicSlope * (z - fusion.topicMidpoint) + fusion.topicLexical * lexical,
  );
  return { score: story + (1 - story) * fusion.topicGain * topic, story };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
