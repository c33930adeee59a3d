/**
 * The real Embedder: the shipped static model loads from models/ and ranks the seed page the way a
 * reader would; a tiny generated BERT-signature model runs through the same code (padding, masks,
 * chunking); missing models and files fail with MODEL_NOT_FOUND naming the path and the fix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingInput } from '../../src/articles/embedding-text.js';
import { DEFAULT_MODEL_ID } from '../../src/config/env.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { natoArticle, teasers, warAndDiplomacy } from '../fixtures/seed-page.js';
import { writeTinyBertModel } from '../helpers/tiny-bert-model.js';

const cosine = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array) => Math.sqrt(cosine(a, a));

describe('the shipped static model', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await createXenovaEmbedder({ modelId: DEFAULT_MODEL_ID, modelsDir: 'models' });
  }, 60_000);

  afterAll(async () => {
    await embedder?.dispose();
  });

  it('loads from models/ and embeds into unit vectors of its own dimensions', async () => {
    expect(embedder.modelId).toBe(DEFAULT_MODEL_ID);
    expect(embedder.dimensions).toBe(100);
    const [vector] = await embedder.embed([embeddingInput(natoArticle)]);
    expect(vector).toHaveLength(100);
    expect(norm(vector ?? new Float32Array())).toBeCloseTo(1, 5);
  }, 30_000);

  it('puts the NATO story closer to war and diplomacy than to any celebrity, health or crime teaser', async () => {
    const offTopic = [teasers.celebrity, teasers.health, teasers.crime];
    const all = [natoArticle, ...warAndDiplomacy, ...offTopic].map(embeddingInput);
    const [nato, ...others] = await embedder.embed(all);
    const scores = others.map((vector) => cosine(nato ?? new Float32Array(), vector));
    const onTopic = scores.slice(0, warAndDiplomacy.length);
    const worstOnTopic = Math.min(...onTopic);
    const bestOffTopic = Math.max(...scores.slice(warAndDiplomacy.length));
    expect(worstOnTopic).toBeGreaterThan(bestOffTopic);
  }, 30_000);

  it('gives the same vector to an article alone and inside a batch', async () => {
    const [alone] = await embedder.embed([embeddingInput(natoArticle)]);
    const batch = await embedder.embed(
      [teasers.crime, natoArticle, teasers.health].map(embeddingInput),
    );
    expect(cosine(alone ?? new Float32Array(), batch[1] ?? new Float32Array())).toBeCloseTo(1, 5);
  }, 30_000);

  it('gives, from its token table, exactly the vectors of running the model batch by batch', async () => {
    const viaModel = await createXenovaEmbedder({
      modelId: DEFAULT_MODEL_ID,
      modelsDir: 'models',
      tokenTable: false,
    });
    try {
      const inputs = [
        natoArticle,
        ...warAndDiplomacy,
        ...Object.values(teasers),
        { title: '', body: 'only a body, Café Zürich 北京 😀 [CLS] [UNK]' },
        { title: 'only a title', body: '' },
        { title: '', body: '' },
      ].map(embeddingInput);
      const expected = await viaModel.embed(inputs);
      const actual = await embedder.embed(inputs);
      const same = actual.every((vector, i) =>
        vector.every((value, d) => Object.is(value, expected[i]?.[d])),
      );
      expect(actual).toHaveLength(inputs.length);
      expect(same).toBe(true);
    } finally {
      await viaModel.dispose();
    }
  }, 60_000);

  it('embeds a text without known words as the zero vector, and an empty list as nothing', async () => {
    const [unknown] = await embedder.embed([{ title: 'qzxv', body: 'zzqqx vvqqz' }]);
    expect(norm(unknown ?? new Float32Array([1]))).toBe(0);
    expect(await embedder.embed([])).toEqual([]);
  }, 30_000);
});

describe('a tiny model with the BERT input signature', () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'morelike-tiny-'));
  const modelId = 'test/tiny-bert';
  let embedder: Embedder;

  beforeAll(async () => {
    writeTinyBertModel(modelsDir, modelId, { maxLength: 16, hiddenSize: 8 });
    embedder = await createXenovaEmbedder({ modelId, modelsDir });
  }, 60_000);

  afterAll(async () => {
    await embedder?.dispose();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('reads its dimensions from the model', () => {
    expect(embedder.dimensions).toBe(8);
  });

  it('embeds padded batches exactly as single texts', async () => {
    const short = { title: 'nato troops', body: 'peace talks' };
    const long = {
      title: 'the war',
      body: 'the army walked to the border and talked of peace in ukraine',
    };
    const [alone] = await embedder.embed([short]);
    const [inBatch, other] = await embedder.embed([short, long]);
    expect(cosine(alone ?? new Float32Array(), inBatch ?? new Float32Array())).toBeCloseTo(1, 5);
    expect(norm(other ?? new Float32Array())).toBeCloseTo(1, 5);
  }, 30_000);

  it('chunks a body longer than the model maximum instead of cutting it', async () => {
    // The first 14 text tokens (one window of this model) are the same; only later ones differ.
    const start = Array.from({ length: 5 }, () => 'the army talked of peace').join(' ');
    const tail = (words: string) => Array.from({ length: 6 }, () => words).join(' ');
    const [first] = await embedder.embed([
      { title: 'war', body: `${start} ${tail('cat dog red blue')}` },
    ]);
    const [second] = await embedder.embed([
      { title: 'war', body: `${start} ${tail('police court drug doctor')}` },
    ]);
    // Cut at the window, both would be the same vector (cosine 1 up to float noise, ~1e-7).
    const similarity = cosine(first ?? new Float32Array(), second ?? new Float32Array());
    expect(1 - similarity).toBeGreaterThan(1e-3);
  }, 30_000);
});

describe('a missing model', () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'morelike-missing-'));

  afterAll(() => {
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('fails with MODEL_NOT_FOUND naming the folder and `morelike model pull`', async () => {
    const attempt = createXenovaEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir });
    await expect(attempt).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(attempt).rejects.toThrow(join(modelsDir, 'Xenova', 'all-MiniLM-L6-v2'));
    await expect(attempt).rejects.toThrow('morelike model pull Xenova/all-MiniLM-L6-v2');
  });

  it('fails with MODEL_NOT_FOUND naming a missing file', async () => {
    const folder = writeTinyBertModel(modelsDir, 'broken');
    rmSync(join(folder, 'tokenizer.json'));
    const attempt = createXenovaEmbedder({ modelId: 'broken', modelsDir });
    await expect(attempt).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(attempt).rejects.toThrow(join(folder, 'tokenizer.json'));
    await expect(attempt).rejects.toThrow('morelike model pull broken');
  });
});
