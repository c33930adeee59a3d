/**
 * Resume after a kill: a real CLI process (SQLite store, HNSW snapshots, FakeEmbedder) is killed
 * with SIGKILL half-way through a reindex; the same reindex run again finishes the job with no
 * duplicates, every article indexed and answering its related list.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { buildServicesFrom } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';
import { generatedJsonl } from '../helpers/generated-corpus.js';

const ARTICLES = 600;
const root = mkdtempSync(join(tmpdir(), 'morelike-kill-'));
const dataDir = join(root, 'data');
const input = join(root, 'articles.jsonl');
const main = new URL('../helpers/sqlite-fake-model-main.ts', import.meta.url).pathname;
afterAll(() => rmSync(root, { recursive: true, force: true }));

function reindex(slowMs: number): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', main, 'reindex', '--input', input, '--batch-size', '25'],
    {
      // biome-ignore lint/style/noProcessEnv: the child inherits PATH and the rest, plus its data folder.
      env: { ...process.env, MORELIKE_DATA_DIR: dataDir, MORELIKE_TEST_SLOW_MS: String(slowMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    out += String(chunk);
  });
  const done = new Promise<{ code: number | null; out: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, out }));
  });
  return { child, done };
}

async function storedCount(): Promise<number> {
  const store = createSqliteStore({ dataDir });
  try {
    return await store.count();
  } finally {
    await store.close();
  }
}

describe('reindex killed with SIGKILL and started again', () => {
  it('finishes the job without duplicates, every article indexed and related', async () => {
    writeFileSync(input, generatedJsonl(ARTICLES));
    const first = reindex(40);
    let seen = 0;
    for (let tries = 0; tries < 600 && seen === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await storedCount();
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBeNull();
    const partial = await storedCount();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ARTICLES);

    const second = await reindex(0).done;
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      new RegExp(`${ARTICLES} read, ${ARTICLES} stored .*${partial} unchanged`),
    );

    const config = Object.freeze({ ...loadConfig({}), dataDir });
    const lines: string[] = [];
    const services = await buildServicesFrom(
      config,
      {
        store: createSqliteStore({ dataDir }),
        embedder: createFakeEmbedder({ dimensions: 32 }),
        snapshots: createIndexSnapshots(join(dataDir, 'index')),
      },
      { log: (line) => lines.push(line) },
    );
    try {
      expect(await services.store.count()).toBe(ARTICLES);
      expect(services.index.size()).toBe(ARTICLES);
      expect(lines.join('\n')).toContain(`loaded snapshot of ${ARTICLES} vectors`);
      for await (const article of services.store.articles()) {
        const list = await services.related.forArticle(article.id, { limit: 3 });
        expect(list.source.id).toBe(article.id);
      }
    } finally {
      await services.close();
    }
  }, 120_000);
});
