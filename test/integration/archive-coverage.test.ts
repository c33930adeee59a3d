/**
 * Per-language coverage of an archive model, over the real SQLite store, a trained model loaded
 * through transformers.js and the real ranking: a language the model was trained on at least
 * MIN_ARCHIVE_ARTICLES articles of gets the model's topic evidence (a same-topic article sharing
 * no word with the source is found through the embedding); a language below the minimum is
 * ranked on lexical evidence alone (that article is never a candidate), until the archive of
 * that language is large enough and the model is trained again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { loadConfig } from '../../src/config/env.js';
import { MIN_ARCHIVE_ARTICLES } from '../../src/embedding/model-registry.js';
import { buildServices } from '../../src/services.js';
import { trainArchiveModel } from '../../src/training/train-archive-model.js';
import { TRAIN_DEFAULTS } from '../../src/training/train-table.js';
import { linkedArchive, linkedPair } from '../helpers/linked-topic-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-archive-coverage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const en = linkedPair('en');
const uk = linkedPair('uk');

/**
 * Trains `modelId` on `archive` plus both pairs, stores them under it, and answers the ids in
 * each source's list (every candidate: minScore 0).
 */
async function listsUnder(modelId: string, archive: readonly Article[]) {
  const articles = [...archive, en.source, en.target, uk.source, uk.target];
  const modelsDir = join(root, 'models');
  const options = { ...TRAIN_DEFAULTS, dims: 8 };
  const trained = await trainArchiveModel({
    articles,
    modelsDir,
    modelId,
    options,
    now: () => new Date(),
  });
  const base = loadConfig({ MORELIKE_EMBED_THREADS: '0', MORELIKE_LOG_LEVEL: 'silent' });
  const config = { ...base, dataDir: join(root, modelId), modelsDir, modelId, demo: false };
  const services = await buildServices(config, { log: () => {} });
  try {
    await services.ingest.upsert(articles);
    const ids = async (id: string) =>
      (await services.related.forArticle(id, { limit: 50, minScore: 0 })).items.map((i) => i.id);
    return {
      card: readFileSync(join(trained.folder, 'MODEL_CARD.md'), 'utf8'),
      en: await ids(en.source.id),
      uk: await ids(uk.source.id),
    };
  } finally {
    await services.close();
  }
}

describe('an archive model, language by language', () => {
  it('gives topic evidence to a language above the minimum, lexical alone to one below', async () => {
    const archive = [
      ...linkedArchive('en', MIN_ARCHIVE_ARTICLES),
      ...linkedArchive('uk', MIN_ARCHIVE_ARTICLES / 4),
    ];
    const lists = await listsUnder('archive-en-large', archive);
    expect(lists.en).toContain(en.target.id);
    expect(lists.uk).not.toContain(uk.target.id);
    expect(lists.uk.length).toBeGreaterThan(0);
    expect(lists.card).toContain(
      `Covers (topic evidence for, at the default minimum of ${MIN_ARCHIVE_ARTICLES} articles ` +
        'per language): en; fewer, ranked on lexical evidence alone: uk.',
    );
  });

  it('gives Ukrainian lists the topic evidence once the Ukrainian archive is large enough', async () => {
    const archive = [
      ...linkedArchive('en', MIN_ARCHIVE_ARTICLES / 4),
      ...linkedArchive('uk', MIN_ARCHIVE_ARTICLES),
    ];
    const lists = await listsUnder('archive-uk-large', archive);
    expect(lists.uk).toContain(uk.target.id);
    expect(lists.en).not.toContain(en.target.id);
  });
});
