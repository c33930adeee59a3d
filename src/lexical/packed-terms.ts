/**
 * Term weights packed to cross from a worker thread to the main thread cheaply: the analyser
 * runs beside the embedder in the workers (see `analyzePacked`), and copying one string and one
 * number array between threads costs a fraction of copying an object of a hundred keys.
 */
import type { TermWeights } from './term-weights.js';

/** Stems joined by newlines (a stem never holds one) and their weights, in the same order. */
export interface PackedTerms {
  readonly stems: string;
  readonly weights: readonly number[];
  /** The language the terms were analysed in (given or detected). */
  readonly language: string;
}

/** The term weights of a packed analysis. */
export function unpackTerms(packed: PackedTerms): TermWeights {
  const weights: Record<string, number> = {};
  if (packed.stems.length === 0) {
    return weights;
  }
  const stems = packed.stems.split('\n');
  for (let i = 0; i < stems.length; i += 1) {
    weights[stems[i] as string] = packed.weights[i] as number;
  }
  return weights;
}
