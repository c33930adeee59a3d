/**
 * kill -9 during a start without snapshots: the server (`node --import tsx src/server.ts`,
 * SQLite, HNSW built in a worker thread) is killed while it builds its indexes from the store,
 * once early in the build and once just after the worker saved the vector snapshot. After each
 * kill the index folder holds no snapshot or a whole one (never one a start would trust that is
 * torn), and the server that finally starts answers the same related lists as a server that
 * built everything from the store in one go, untouched.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.js';
import { createRandom } from '../../src/bench/synthetic-corpus.js';
import { DEFAULT_MODEL_ID } from '../../src/config/env.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';
import {
  killChildren,
  type ServerProcess,
  spawnServer,
  startReadyChild,
  TEST_API_KEY,
} from '../helpers/test-server.js';

// Above VECTOR_WORKER_FROM: the graph is built in a worker thread, which saves it.
const ARTICLES = 24_000;
const DIMENSIONS = 100;
const WORDS = ['harbour', 'ferry', 'storm', 'council', 'budget', 'school', 'match', 'court'];
const children: ServerProcess[] = [];
const root = mkdtempSync(join(tmpdir(), 'morelike-cold-kill-'));

afterAll(async () => {
  await killChildren(children);
  rmSync(root, { recursive: true, force: true });
});

/** A SQLite store of ARTICLES articles with random unit vectors, and no index folder. */
async function fillStore(dataDir: string): Promise<void> {
  const store = createSqliteStore({ dataDir });
  await store.claimVectorModel({ modelId: DEFAULT_MODEL_ID, dimensions: DIMENSIONS });
  const random = createRandom(11);
  const records = Array.from({ length: ARTICLES }, (_, i) => {
    const vector = Float32Array.from({ length: DIMENSIONS }, () => random() - 0.5);
    const norm = Math.hypot(...vector);
    const a = WORDS[i % WORDS.length] as string;
    const b = WORDS[(i * 7) % 5] as string;
    return {
      article: parseArticle({ id: `k-${i}`, title: `The ${a} and the ${b} ${i % 300}` }),
      textHash: `h${i}`,
      vector: vector.map((v) => v / norm),
      terms: { [a]: 3, [b]: 1, [`n${i % 300}`]: 2 },
    };
  });
  await store.upsertMany(records);
  await store.close();
}

const env = (dataDir: string) => ({
  MORELIKE_DATA_DIR: dataDir,
  MORELIKE_API_KEYS: TEST_API_KEY,
  MORELIKE_DEMO: 'false',
  MORELIKE_LIST_THREADS: '0',
});

/** What a start would trust in the index folder: nothing, or a whole snapshot of every article. */
function trustedSnapshot(dataDir: string): 'none' | 'whole' | string {
  const snapshots = createIndexSnapshots(join(dataDir, 'index'));
  if (snapshots.readMeta() === undefined) {
    return 'none';
  }
  const loaded = snapshots.load();
  return loaded.ok && loaded.index.size() === ARTICLES ? 'whole' : JSON.stringify(loaded);
}

async function lists(server: ServerProcess): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < ARTICLES; i += 797) {
    const res = await fetch(`${server.url}/v1/articles/k-${i}/related?limit=8`);
    const body = (await res.json()) as { items: { id: string; score: number }[] };
    found.push(`${res.status} ${body.items.map((item) => `${item.id}:${item.score}`).join(' ')}`);
  }
  return found;
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('kill -9 during a start without snapshots', () => {
  it('leaves nothing a later start trusts half-written, and the same lists after', async () => {
    const reference = join(root, 'reference');
    await fillStore(reference);
    const killed = join(root, 'killed');
    cpSync(reference, killed, { recursive: true });

    const untouched = await startReadyChild(children, env(reference));
    const expected = await lists(untouched);
    untouched.child.kill('SIGKILL');

    const early = await spawnServer(env(killed));
    children.push(early);
    await until(() => early.lines.some((l) => l.includes('listening')), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    early.child.kill('SIGKILL');
    await early.exited;
    expect(trustedSnapshot(killed)).toMatch(/^(none|whole)$/);

    rmSync(join(killed, 'index'), { recursive: true, force: true });
    const late = await spawnServer(env(killed));
    children.push(late);
    await until(() => existsSync(join(killed, 'index', 'current.json')), 60_000);
    late.child.kill('SIGKILL');
    await late.exited;
    expect(trustedSnapshot(killed)).toBe('whole');

    const restarted = await startReadyChild(children, env(killed));
    expect(await lists(restarted)).toEqual(expected);
  }, 180_000);
});
