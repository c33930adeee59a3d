/**
 * An archive model trained on a generated archive, written to disk and loaded through the one
 * embedder path (transformers.js): same archive, same bytes (on one thread or with the SVD's
 * worker thread); an unseen article of known words gets the fold-in vector of its words' rows
 * and lands beside its topic, in English and Ukrainian.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { readArchiveRecord } from '../../src/training/archive-record.js';
import { type TrainedModel, trainArchiveModel } from '../../src/training/train-archive-model.js';
import { TRAIN_DEFAULTS } from '../../src/training/train-table.js';
import { topicArchive } from '../helpers/topic-corpus.js';

const modelsDir = mkdtempSync(join(tmpdir(), 'morelike-archive-model-'));
const archive = topicArchive(200);
const options = { ...TRAIN_DEFAULTS, dims: 5 };
const at = new Date('2026-11-30T12:00:00Z');
let trained: TrainedModel;
let embedder: Embedder;

const cosine = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

beforeAll(async () => {
  trained = await trainArchiveModel({
    articles: archive,
    modelsDir,
    options,
    now: () => at,
    parallel: true,
  });
  embedder = await createXenovaEmbedder({ modelId: trained.modelId, modelsDir });
});

afterAll(async () => {
  await embedder?.dispose();
  rmSync(modelsDir, { recursive: true, force: true });
});

describe('an archive model', () => {
  it('is written under a dated archive id with its record in config.json', () => {
    expect(trained.modelId).toBe('archive-20261130-120000');
    expect(readArchiveRecord(trained.folder)).toMatchObject({
      articles: 200,
      languages: { en: 160, uk: 40 },
      dims: 5,
    });
    const card = readFileSync(join(trained.folder, 'MODEL_CARD.md'), 'utf8');
    expect(card).toContain('200 articles (en 160, uk 40), trained 2026-11-30T12:00:00.000Z');
    expect(card).toMatch(/\| `onnx\/model\.onnx` \| [\d,]+ \| `[0-9a-f]{64}` \|/);
  });

  it('writes the same bytes for the same archive, whatever order it is read in, on one thread or two', async () => {
    const again = await trainArchiveModel({
      articles: [...archive].reverse(),
      modelsDir,
      modelId: 'archive-again',
      options,
      parallel: false,
      now: () => new Date(),
    });
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
    ]) {
      expect(readFileSync(join(again.folder, file))).toEqual(
        readFileSync(join(trained.folder, file)),
      );
    }
  });

  it('embeds an unseen article as the mean of its known words rows (the LSA fold-in)', async () => {
    const { table } = trained;
    const words = ['goalkeeper', 'trophy', 'stadium', 'unknownword'];
    const expected = new Float32Array(table.dimensions);
    for (const word of words) {
      const id = table.vocabulary.indexOf(word);
      for (let c = 0; id >= 0 && c < table.dimensions; c += 1) {
        expected[c] = (expected[c] as number) + (table.rows[id * table.dimensions + c] as number);
      }
    }
    const norm = Math.hypot(...expected);
    const text = 'Goalkeeper, trophy; stadium UnknownWord.';
    const [vector] = await embedder.embed([{ title: text, body: text }]);
    expect(vector).toBeDefined();
    expect(
      cosine(
        vector as Float32Array,
        expected.map((v) => v / norm),
      ),
    ).toBeGreaterThan(0.9999);
  });

  it('places unseen articles beside their own topic, in English and in Ukrainian', async () => {
    const stored = await embedder.embed(archive.slice(0, 5));
    const unseen = await embedder.embed([
      { title: 'Referee sends off the striker', body: 'The league trophy and the stadium.' },
      // Only words with й and ї: nothing at all if the tokenizer stripped accents.
      { title: 'Її тимчасовий', body: 'тимчасовий її' },
      // A word with an apostrophe reaches the model as its pieces.
      { title: 'М’ясо', body: 'м’ясо' },
    ]);
    const near = (vector: Float32Array) =>
      stored
        .map((candidate, topic) => ({ topic, score: cosine(vector, candidate) }))
        .sort((a, b) => b.score - a.score)[0]?.topic;
    expect(near(unseen[0] as Float32Array)).toBe(1);
    expect(near(unseen[1] as Float32Array)).toBe(4);
    expect(near(unseen[2] as Float32Array)).toBe(4);
  });
});
