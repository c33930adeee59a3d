/**
 * The prepared-model cache with the shipped static model: prepared once, then loaded from the
 * cache with the same vectors bit for bit; prepared again when the model's files change, and a
 * torn cache is ignored and rewritten.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingInput } from '../../src/articles/embedding-text.js';
import { DEFAULT_MODEL_ID, loadConfig } from '../../src/config/env.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import {
  modelFilesKey,
  preparedModelFile,
  readPreparedModel,
  writePreparedModel,
} from '../../src/embedding/prepared-model.js';
import { createTokenTable } from '../../src/embedding/token-table.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { buildServices } from '../../src/services.js';
import { natoArticle, teasers, warAndDiplomacy } from '../fixtures/seed-page.js';

const inputs = [
  natoArticle,
  ...warAndDiplomacy,
  ...Object.values(teasers),
  { title: '', body: 'only a body, Café Zürich 北京 😀 [CLS] [UNK]' },
].map(embeddingInput);

const sameBits = (a: Float32Array[], b: Float32Array[]) =>
  a.length === b.length && a.every((v, i) => v.every((x, d) => Object.is(x, b[i]?.[d])));

describe('the prepared model cache of the shipped model', () => {
  const root = mkdtempSync(join(tmpdir(), 'morelike-prepared-it-'));
  const modelsDir = join(root, 'models');
  const folder = join(modelsDir, DEFAULT_MODEL_ID);
  const cacheDir = join(root, 'cache');
  const file = preparedModelFile(cacheDir, DEFAULT_MODEL_ID);
  const options = { modelId: DEFAULT_MODEL_ID, modelsDir, cacheDir };
  let expected: Float32Array[];
  const opened: Embedder[] = [];
  const open = async () => {
    const embedder = await createXenovaEmbedder(options);
    opened.push(embedder);
    return embedder;
  };

  beforeAll(async () => {
    cpSync(join('models', DEFAULT_MODEL_ID), folder, { recursive: true });
    // The vectors of the model loaded without a cache.
    const plain = await createXenovaEmbedder({ modelId: DEFAULT_MODEL_ID, modelsDir });
    opened.push(plain);
    expected = await plain.embed(inputs);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(opened.map((embedder) => embedder.dispose()));
    rmSync(root, { recursive: true, force: true });
  });

  it('prepares the model once, then loads it from the cache with the same vectors', async () => {
    const first = await open();
    const key = modelFilesKey(folder, false);
    expect(readPreparedModel(file, key).ok).toBe(true);
    const second = await open();
    expect(second.dimensions).toBe(first.dimensions);
    expect(sameBits(await first.embed(inputs), expected)).toBe(true);
    expect(sameBits(await second.embed(inputs), expected)).toBe(true);
  }, 120_000);

  it('pools from the cached table when the cache is of these files', async () => {
    // A cache of the same files whose rows are all one vector: every text embeds alike.
    const key = modelFilesKey(folder, false);
    const loaded = readPreparedModel(file, key);
    if (!loaded.ok) {
      throw new Error(loaded.reason);
    }
    const { table } = loaded.prepared;
    // The shipped model's table is half floats (see token-table.ts).
    expect(table.values).toBeInstanceOf(Uint16Array);
    const codes = table.values as Uint16Array;
    const row = codes.slice(1000 * table.dims, 1001 * table.dims);
    const values = new Uint16Array(codes.length);
    for (let id = 0; id < table.rows; id += 1) {
      values.set(row, id * table.dims);
    }
    const flat = { ...loaded.prepared, table: createTokenTable(values, table.rows, table.dims) };
    writePreparedModel(file, key, flat);
    const [a, b] = await (await open()).embed(inputs.slice(0, 2));
    const cosine = (x?: Float32Array, y?: Float32Array) =>
      Array.from(x ?? []).reduce((sum, value, d) => sum + value * (y?.[d] ?? 0), 0);
    // The same direction up to float rounding; the model itself tells the two apart.
    expect(cosine(a, b)).toBeCloseTo(1, 6);
    expect(cosine(expected[0], expected[1])).toBeLessThan(0.99);
    rmSync(file);
  }, 120_000);

  it('prepares the model again when one of its files changed (a stale cache)', async () => {
    await open();
    const oldKey = modelFilesKey(folder, false);
    const config = join(folder, 'config.json');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\n`);
    const newKey = modelFilesKey(folder, false);
    expect(newKey).not.toBe(oldKey);
    expect(sameBits(await (await open()).embed(inputs), expected)).toBe(true);
    expect(readPreparedModel(file, oldKey).ok).toBe(false);
    expect(readPreparedModel(file, newKey).ok).toBe(true);
  }, 120_000);

  it('ignores a torn cache and writes it again', async () => {
    await open();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.byteLength >> 1));
    const key = modelFilesKey(folder, false);
    expect(readPreparedModel(file, key).ok).toBe(false);
    expect(sameBits(await (await open()).embed(inputs), expected)).toBe(true);
    expect(readPreparedModel(file, key).ok).toBe(true);
  }, 120_000);
});

describe('the services and the prepared model', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'morelike-prepared-services-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keep it beside the index snapshots, and a restart embeds from it alike', async () => {
    const config = loadConfig({ MORELIKE_DATA_DIR: dataDir, MORELIKE_DEMO: 'false' });
    const first = await buildServices(config, { log: () => {} });
    await first.modelLoaded;
    const before = await first.embedder.embed(inputs);
    await first.close();
    const file = preparedModelFile(join(dataDir, 'index'), DEFAULT_MODEL_ID);
    const key = modelFilesKey(join('models', DEFAULT_MODEL_ID), false);
    expect(readPreparedModel(file, key).ok).toBe(true);
    const second = await buildServices(config, { log: () => {} });
    try {
      await second.modelLoaded;
      expect(sameBits(await second.embedder.embed(inputs), before)).toBe(true);
    } finally {
      await second.close();
    }
  }, 120_000);
});
