/**
 * `model train` end to end over the real SQLite store, the real shipped model and the real
 * embedder: store an archive, train a model on it, and `reindex --full` with the new id swaps
 * every stored vector (and the index) to the archive model, whose lists keep to the topic.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { DEFAULT_MODEL_ID, loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/observability/logger.js';
import { realBuild, startServer } from '../../src/server.js';
import { buildServices } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { captured } from '../helpers/cli-harness.js';
import { topicArchive, topicArticle } from '../helpers/topic-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-train-swap-'));
const dataDir = join(root, 'data');
const modelsDir = join(root, 'models');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function context(modelId: string) {
  const stdout = captured();
  const stderr = captured();
  const base = loadConfig({ MORELIKE_EMBED_THREADS: '0', MORELIKE_LOG_LEVEL: 'silent' });
  const config = { ...base, dataDir, modelsDir, modelId, demo: false };
  const cli: CliContext = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    loadConfig: (overrides = {}) => Object.freeze({ ...config, ...overrides }),
    buildServices: (c, options) => buildServices(c, options),
    openStore: (c) => createSqliteStore({ dataDir: c.dataDir }),
    version: '0.0.0-test',
  };
  return { cli, stdout, stderr };
}

describe('model train, then reindex --full', () => {
  it('swaps the stored vectors and the index to the trained model', async () => {
    mkdirSync(modelsDir);
    symlinkSync(resolve('models', DEFAULT_MODEL_ID), join(modelsDir, DEFAULT_MODEL_ID));
    const input = join(root, 'archive.jsonl');
    const articles = topicArchive(100);
    writeFileSync(input, `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);

    const shipped = context(DEFAULT_MODEL_ID);
    expect(await runCli(['reindex', '--input', input], shipped.cli)).toBe(0);
    expect(
      await runCli(['model', 'train', '--dims', '20', '--out', 'archive-t'], shipped.cli),
    ).toBe(0);

    const trained = context('archive-t');
    expect(await runCli(['reindex', '--full'], trained.cli)).toBe(0);
    expect(trained.stdout.text()).toContain('index rebuilt from the store (100 vectors)');
    const store = createSqliteStore({ dataDir });
    try {
      expect(await store.vectorModel()).toEqual({ modelId: 'archive-t', dimensions: 20 });
    } finally {
      await store.close();
    }
    expect(await runCli(['related', 'topic-0001', '--json'], trained.cli)).toBe(0);
    const list = JSON.parse(trained.stdout.text().split('\n').at(-2) ?? '{}') as {
      items: { id: string }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    // Topic 1 articles are every fifth: topic-0001, topic-0006, ...
    for (const item of list.items) {
      expect(Number(item.id.slice('topic-'.length)) % 5).toBe(1);
    }
  });

  it('has serve log once the archive has grown a tenth beyond the model', async () => {
    const more = join(root, 'more.jsonl');
    const next = Array.from({ length: 110 }, (_, i) => topicArticle(i)).slice(100);
    writeFileSync(more, `${next.map((a) => JSON.stringify(a)).join('\n')}\n`);
    expect(await runCli(['reindex', '--input', more], context('archive-t').cli)).toBe(0);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    const config = { ...context('archive-t').cli.loadConfig(), port: 0 };
    const server = await startServer(config, { build: realBuild, logger });
    try {
      await server.ready;
    } finally {
      await server.shutdown();
    }
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn');
    expect(warnings.map((l) => l.msg)).toEqual([
      expect.stringContaining(
        'The archive has grown 10% since model archive-t was trained (100 -> 110 articles)',
      ),
    ]);
  });
});
