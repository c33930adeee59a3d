/**
 * Performance plumbing with the real model: the worker-pool embedder gives exactly the vectors of
 * the main-thread embedder, and the lexical analysis computed beside them in the workers. (Its own
 * file, so its process ends with the pool: see worker-pool-embedder.ts on workers and onnxruntime.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingInput } from '../../src/articles/embedding-text.js';
import { readModelVocabulary } from '../../src/bench/model-vocabulary.js';
import { syntheticArticles } from '../../src/bench/synthetic-corpus.js';
import { DEFAULT_MODEL_ID } from '../../src/config/env.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import {
  createWorkerPoolEmbedder,
  type WorkerPoolEmbedder,
} from '../../src/embedding/worker-pool-embedder.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { analyzeText } from '../../src/lexical/analyze.js';

const model = { modelId: DEFAULT_MODEL_ID, modelsDir: 'models' };
const vocabulary = readModelVocabulary('models', DEFAULT_MODEL_ID);
const inputs = [...syntheticArticles({ vocabulary, articles: 150, seed: 3 })].map(embeddingInput);
const at = (i: number) => inputs[i] ?? { title: '', body: '' };

describe('the worker-pool embedder', () => {
  let local: Embedder;
  let reference: Embedder;
  let pool: WorkerPoolEmbedder;

  beforeAll(async () => {
    local = await createXenovaEmbedder(model);
    reference = await createXenovaEmbedder(model);
    pool = createWorkerPoolEmbedder({
      local,
      model,
      threads: 2,
      minParallelBatch: 64,
      sideTask: {
        moduleUrl: new URL('../../src/lexical/analyze.ts', import.meta.url).href,
        exportName: 'analyzeText',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await pool?.dispose();
    await reference?.dispose();
  });

  it('embeds a big batch in workers into exactly the main-thread vectors, in order', async () => {
    const [fromPool, expected] = await Promise.all([pool.embed(inputs), reference.embed(inputs)]);
    expect(fromPool).toHaveLength(inputs.length);
    expect(fromPool).toEqual(expected);
  }, 120_000);

  it('hands back the lexical analysis the workers computed for each input', async () => {
    await pool.embed(inputs);
    expect(pool.precomputed(at(0))).toEqual(analyzeText(at(0)));
    expect(pool.precomputed(at(149))).toEqual(analyzeText(at(149)));
  }, 120_000);

  it('keeps small batches on the main thread', async () => {
    const small = inputs.slice(0, 3).map((input) => ({ ...input }));
    expect(await pool.embed(small)).toEqual(await reference.embed(small));
    expect(small.map((input) => pool.precomputed(input))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  }, 60_000);
});
