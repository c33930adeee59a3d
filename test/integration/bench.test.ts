/**
 * Performance plumbing with the real model: the worker-pool embedder gives exactly the vectors of
 * the main-thread embedder (and the lexical analysis, computed beside them in the workers), and
 * `morelike bench` runs end to end over a real SQLite store, HNSW index and worker threads.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingInput } from '../../src/articles/embedding-text.js';
import { readModelVocabulary } from '../../src/bench/model-vocabulary.js';
import { syntheticArticles } from '../../src/bench/synthetic-corpus.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { DEFAULT_MODEL_ID, loadConfig } from '../../src/config/env.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import {
  createWorkerPoolEmbedder,
  type WorkerPoolEmbedder,
} from '../../src/embedding/worker-pool-embedder.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { analyzeText } from '../../src/lexical/analyze.js';
import { buildServices } from '../../src/services.js';
import { captured } from '../helpers/cli-harness.js';

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

describe('morelike bench with the real services', () => {
  it('prints the contract figures for a small archive', async () => {
    const stdout = captured();
    const stderr = captured();
    const base = loadConfig({ MORELIKE_EMBED_THREADS: '1', MORELIKE_LOG_LEVEL: 'silent' });
    const context: CliContext = {
      stdout,
      stderr,
      stdin: Readable.from([]),
      loadConfig: (overrides = {}) => Object.freeze({ ...base, ...overrides }),
      buildServices: (config, options) => buildServices(config, options),
    };
    const argv = ['bench', '--json', '--articles', '400', '--batch-size', '100'];
    const code = await runCli([...argv, '--queries', '50', '--recall-queries', '50'], context);
    expect(stderr.text()).not.toMatch(/INTERNAL_ERROR|EMBEDDING_FAILED/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.text());
    expect(result).toMatchObject({ articles: 400, embedThreads: 1 });
    expect(result.recallAt10).toBeGreaterThanOrEqual(0.9);
    expect(result.ingestArticlesPerSec).toBeGreaterThan(0);
    expect(result.embedArticlesPerSec).toBeGreaterThan(0);
    expect(result.relatedP99Ms).toBeGreaterThanOrEqual(result.relatedP50Ms);
    expect(result.startupMs).toBeGreaterThan(0);
  }, 180_000);
});
