/**
 * FakeEmbedder, for unit tests only: a deterministic bag-of-words hash embedding. Each word adds a
 * pseudo-random unit direction derived from its hash, so texts that share words point the same way,
 * and the result is L2-normalized like a real model's. Never constructed by `services.ts`.
 */
import type { Embedder, EmbeddingInput } from './embedder.js';

export interface FakeEmbedderOptions {
  readonly dimensions?: number;
  readonly modelId?: string;
}

/** Creates a deterministic embedder whose similarity follows shared words. */
export function createFakeEmbedder(
  options: FakeEmbedderOptions = {},
): Embedder & { calls: number } {
  const dimensions = options.dimensions ?? 16;
  const state = {
    modelId: options.modelId ?? 'fake-hash-embedder',
    dimensions,
    calls: 0,
    async embed(inputs: readonly EmbeddingInput[]): Promise<Float32Array[]> {
      state.calls += inputs.length;
      return inputs.map((input) => embedText(`${input.title} ${input.body}`, dimensions));
    },
    async dispose(): Promise<void> {},
  };
  return state;
}

function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const word of words) {
    let seed = hash(word);
    for (let i = 0; i < dimensions; i += 1) {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      vector[i] = (vector[i] ?? 0) + (seed / 0xffffffff - 0.5);
    }
  }
  return normalize(vector);
}

function hash(word: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < word.length; i += 1) {
    h = Math.imul(h ^ word.charCodeAt(i), 16_777_619) >>> 0;
  }
  return h;
}

function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) {
    sum += value * value;
  }
  const norm = Math.sqrt(sum);
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  for (let i = 0; i < vector.length; i += 1) {
    vector[i] = (vector[i] ?? 0) / norm;
  }
  return vector;
}
