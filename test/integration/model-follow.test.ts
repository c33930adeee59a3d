/**
 * A running server follows the store's model without a restart: the real server on the shipped
 * model answers page views while `model train` and `reindex --full`, run as child processes on
 * the same data folder, move the store to an archive model; it loads that model, rebuilds and swaps its indexes,
 * and embeds the next write with it. When the new model is not on its machine it keeps answering
 * lists from the old index, says so in /readyz, and refuses writes with MODEL_MISMATCH.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { DEFAULT_MODEL_ID, loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/observability/logger.js';
import { realBuild, startServer } from '../../src/server.js';
import { buildServices } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { captured } from '../helpers/cli-harness.js';
import { TEST_API_KEY } from '../helpers/fake-services.js';
import { send } from '../helpers/requests.js';
import { variedArticle } from '../helpers/varied-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-follow-'));
/** Article `i` of the archive: story `i` mod 7 (seven stories), id `st-<story>-<i>`. */
const article = (i: number) => variedArticle(`st-${i % 7}-${i}`, i);
const archive = Array.from({ length: 140 }, (_, i) => article(i));
const execFileAsync = promisify(execFile);

/** `morelike ARGS` in a child process over `dataDir` with `modelId`. */
async function morelike(args: string[], dataDir: string, modelsDir: string, modelId: string) {
  await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      MORELIKE_DATA_DIR: dataDir,
      MORELIKE_MODELS_DIR: modelsDir,
      MORELIKE_MODEL: modelId,
      MORELIKE_EMBED_THREADS: '0',
      MORELIKE_LOG_LEVEL: 'silent',
    },
  });
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ListBody {
  readonly model: string;
  readonly items: readonly { id: string }[];
}

/** A data folder holding the archive (shipped model) and a models folder with that model. */
async function archiveFolder(name: string) {
  const dataDir = join(root, name, 'data');
  const modelsDir = join(root, name, 'models');
  mkdirSync(modelsDir, { recursive: true });
  symlinkSync(resolve('models', DEFAULT_MODEL_ID), join(modelsDir, DEFAULT_MODEL_ID));
  const input = join(root, name, 'archive.jsonl');
  writeFileSync(input, `${archive.map((a) => JSON.stringify(a)).join('\n')}\n`);
  expect(
    await runCli(['reindex', '--input', input], cli(dataDir, modelsDir, DEFAULT_MODEL_ID)),
  ).toBe(0);
  return { dataDir, modelsDir };
}

function cli(dataDir: string, modelsDir: string, modelId: string): CliContext {
  const base = loadConfig({ MORELIKE_EMBED_THREADS: '0', MORELIKE_LOG_LEVEL: 'silent' });
  const config = { ...base, dataDir, modelsDir, modelId, demo: false };
  return {
    stdout: captured(),
    stderr: captured(),
    stdin: Readable.from([]),
    loadConfig: (overrides = {}) => Object.freeze({ ...config, ...overrides }),
    buildServices: (c, options) => buildServices(c, options),
    openStore: (c) => createSqliteStore({ dataDir: c.dataDir }),
    version: '0.0.0-test',
  };
}

/** The real server on the shipped model over `dataDir`; its log lines are kept. */
async function serve(dataDir: string, modelsDir: string) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (l: string) => lines.push(l) },
  });
  const config = loadConfig({
    PORT: '0',
    MORELIKE_DATA_DIR: dataDir,
    MORELIKE_MODELS_DIR: modelsDir,
    MORELIKE_API_KEYS: TEST_API_KEY,
    MORELIKE_DEMO: 'false',
    MORELIKE_EMBED_THREADS: '0',
  });
  const server = await startServer(config, { build: realBuild, logger });
  await server.ready;
  const at = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  return { server, at, messages: () => lines.map((l) => String(JSON.parse(l).msg)) };
}

/** Requests st-1-1's list every few ms until stopped; every answer's status and body. */
function pageViews(at: (path: string) => Promise<Response>) {
  const answers: { status: number; body: ListBody }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const res = await at('/v1/articles/st-1-1/related');
      answers.push({ status: res.status, body: (await res.json()) as ListBody });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop.catch(() => {});
    return answers;
  };
}

/** A list of story 1's articles (the ranking keeps only what is clearly the same story). */
const ofStory1 = (body: ListBody) =>
  body.items.length > 0 && body.items.every((i) => i.id.startsWith('st-1-'));

describe('a running server and model train + reindex --full in another process', () => {
  it('follows the store to the trained model: no restart, no failed page view', async () => {
    const { dataDir, modelsDir } = await archiveFolder('follow');
    const { server, at, messages } = await serve(dataDir, modelsDir);
    const stop = pageViews(at);
    try {
      const train = ['model', 'train', '--dims', '20', '--out', 'archive-x'];
      await morelike(train, dataDir, modelsDir, DEFAULT_MODEL_ID);
      await morelike(['reindex', '--full'], dataDir, modelsDir, 'archive-x');
      const related = async () => (await at('/v1/articles/st-1-1/related')).json();
      await expect
        .poll(async () => ((await related()) as ListBody).model, { timeout: 60_000 })
        .toBe('archive-x');
      expect(await (await at('/readyz')).json()).toMatchObject({ model: 'archive-x' });
      const answers = await stop();
      expect(answers.length).toBeGreaterThan(1);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      expect(answers.filter((a) => !ofStory1(a.body)).map((a) => a.body)).toEqual([]);
      expect(answers.at(-1)?.body.model).toBe('archive-x');
      expect(
        messages().filter((m) => m.includes(`from ${DEFAULT_MODEL_ID} to archive-x`)),
      ).toHaveLength(1);

      // The same story retold under a new id (near-duplicates are left out of each other's lists).
      const story = { ...article(1), id: 'st-1-retold' };
      const put = await at(`/v1/articles/${story.id}`, send('PUT', { ...story, id: undefined }));
      expect(put.status).toBeLessThan(300);
      const store = createSqliteStore({ dataDir });
      try {
        expect(await store.vectorModel()).toEqual({ modelId: 'archive-x', dimensions: 20 });
        expect((await store.getVector(story.id))?.length).toBe(20);
      } finally {
        await store.close();
      }
      const list = (await (await at(`/v1/articles/${story.id}/related`)).json()) as ListBody;
      expect(list.model).toBe('archive-x');
      expect(ofStory1(list)).toBe(true);
    } finally {
      await stop();
      await server.shutdown();
    }
  }, 180_000);

  it('keeps answering from the old index when the new model is not on its machine', async () => {
    const { dataDir, modelsDir } = await archiveFolder('missing');
    const { server, at } = await serve(dataDir, modelsDir);
    const elsewhere = join(root, 'missing', 'other-models');
    mkdirSync(elsewhere);
    symlinkSync(resolve('models', DEFAULT_MODEL_ID), join(elsewhere, DEFAULT_MODEL_ID));
    try {
      const train = ['model', 'train', '--dims', '20', '--out', 'archive-y'];
      await morelike(train, dataDir, elsewhere, DEFAULT_MODEL_ID);
      await morelike(['reindex', '--full'], dataDir, elsewhere, 'archive-y');
      await expect
        .poll(
          async () =>
            ((await (await at('/readyz')).json()) as { modelProblem?: string }).modelProblem,
          {
            timeout: 30_000,
          },
        )
        .toContain('MORELIKE_MODEL=archive-y');
      const res = await at('/v1/articles/st-1-1/related');
      expect(res.status).toBe(200);
      const body = (await res.json()) as ListBody;
      expect(body.model).toBe(DEFAULT_MODEL_ID);
      expect(ofStory1(body)).toBe(true);
      const story = article(1002);
      const put = await at(`/v1/articles/${story.id}`, send('PUT', { ...story, id: undefined }));
      expect(put.status).toBe(503);
      expect(((await put.json()) as { code: string }).code).toBe('MODEL_MISMATCH');
      const pin = send('PUT', { pinned: ['st-1-8'], blocked: [] });
      const overrides = await at('/v1/articles/st-1-1/overrides', pin);
      expect(overrides.status).toBe(503);
      expect(((await overrides.json()) as { code: string }).code).toBe('MODEL_MISMATCH');
      const store = createSqliteStore({ dataDir });
      try {
        expect(await store.get(story.id)).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      await server.shutdown();
    }
  }, 180_000);
});
