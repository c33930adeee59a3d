/**
 * kill -9 during batch ingest over HTTP: the server (`node --import tsx src/server.ts`, the real
 * model, SQLite, HNSW) runs as a child process; two clients send batches and record which were
 * acknowledged (200, every item accepted); SIGKILL lands at a seeded random moment while batches
 * are in flight. Restarted on the same data folder, every acknowledged article is there, indexed
 * (stats: indexed == articles) and answers its related list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../helpers/fuzz-values.js';
import {
  killChildren,
  type ServerProcess,
  startReadyChild,
  TEST_API_KEY,
} from '../helpers/test-server.js';
import { variedArticle } from '../helpers/varied-corpus.js';

const BATCH = 100;
const SEED = 8;
const children: ServerProcess[] = [];
let dataDir = '';

afterAll(async () => {
  await killChildren(children);
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

function start(): Promise<ServerProcess> {
  return startReadyChild(children, {
    MORELIKE_DATA_DIR: dataDir,
    MORELIKE_API_KEYS: TEST_API_KEY,
    MORELIKE_DEMO: 'false',
    MORELIKE_RATE_LIMIT_WRITE: '1000000',
  });
}

/** Sends batches until the connection fails; returns the ids of the acknowledged ones. */
async function sendBatches(url: string, client: number, acknowledged: string[]): Promise<void> {
  for (let n = 0; ; n += 1) {
    const items = Array.from({ length: BATCH }, (_, k) => {
      const i = (client * 1000 + n) * BATCH + k;
      return variedArticle(`c${client}-${n}-${k}`, i);
    });
    let res: Response;
    try {
      res = await fetch(`${url}/v1/articles/batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(items),
      });
    } catch {
      return; // killed: this batch was not acknowledged
    }
    const body = (await res.json().catch(() => ({}))) as { accepted?: number };
    if (res.status === 200 && body.accepted === BATCH) {
      acknowledged.push(...items.map((i) => i.id));
    }
  }
}

describe('kill -9 during a batch ingest over HTTP', () => {
  it('keeps every acknowledged article stored, indexed and answering after a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'morelike-crash-'));
    const first = await start();
    const acknowledged: string[] = [];
    const senders = [0, 1].map((client) => sendBatches(first.url, client, acknowledged));
    // Kill at a seeded random moment once at least two batches are in: mid-batch by design.
    const delay = 200 + Math.floor(createRng(SEED)() * 800);
    while (acknowledged.length < 2 * BATCH) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThanOrEqual(2 * BATCH);

    const second = await start();
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${second.url}/v1/articles/${id}`);
      await res.arrayBuffer();
      if (res.status !== 200) {
        missing.push(id);
      }
    }
    expect(missing).toEqual([]);
    const stats = (await (await fetch(`${second.url}/v1/stats`)).json()) as {
      articles: number;
      indexed: number;
    };
    expect(stats.indexed).toBe(stats.articles);
    expect(stats.articles).toBeGreaterThanOrEqual(acknowledged.length);
    // Batches are atomic: whatever was stored beyond the acknowledged ones is whole batches.
    expect((stats.articles - acknowledged.length) % BATCH).toBe(0);
    const sample = acknowledged.filter((_, i) => i % 25 === 0);
    const related = await Promise.all(
      sample.map(async (id) => {
        const res = await fetch(`${second.url}/v1/articles/${id}/related`);
        const body = (await res.json()) as { items: { id: string }[] };
        return { status: res.status, items: body.items.map((i) => i.id) };
      }),
    );
    expect(related.every((r) => r.status === 200)).toBe(true);
    const recommended = new Set(related.flatMap((r) => r.items));
    expect([...recommended].some((id) => acknowledged.includes(id))).toBe(true);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 110_000);
});
