/**
 * Two server processes (what `npm start` runs: real model, SQLite, HNSW) on one data folder,
 * each with four writers sending batches of up to ten and four readers, for 30 s. SQLite lets
 * one writer at a time in; the other must wait for it (busy_timeout), never answer 5xx. At the
 * end every acknowledged article is stored and answered by both servers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLoad } from '../helpers/load-workers.js';
import {
  killChildren,
  type ServerProcess,
  startReadyChild,
  TEST_API_KEY,
} from '../helpers/test-server.js';

const DURATION_MS = 30_000;
const servers: ServerProcess[] = [];
let dataDir = '';

afterAll(async () => {
  await killChildren(servers);
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

function start(): Promise<ServerProcess> {
  return startReadyChild(servers, {
    MORELIKE_DATA_DIR: dataDir,
    MORELIKE_API_KEYS: TEST_API_KEY,
    MORELIKE_DEMO: 'false',
    MORELIKE_RATE_LIMIT_PREVIEW: '1000000',
    MORELIKE_RATE_LIMIT_WRITE: '1000000',
  });
}

async function count(url: string, ids: ReadonlySet<string>): Promise<number> {
  let found = 0;
  for (const id of ids) {
    const res = await fetch(`${url}/v1/articles/${id}`);
    await res.arrayBuffer();
    found += res.status === 200 ? 1 : 0;
  }
  return found;
}

describe('two servers writing to one data folder', () => {
  it('answers no 5xx for 30 s of concurrent batches and loses no acknowledged write', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'morelike-two-'));
    const [a, b] = [await start(), await start()];
    if (a === undefined || b === undefined) {
      throw new Error('servers did not start');
    }
    const load = (url: string, idPrefix: string) =>
      runLoad({
        url,
        apiKey: TEST_API_KEY,
        writers: 4,
        readers: 4,
        durationMs: DURATION_MS,
        maxBatch: 10,
        idPrefix,
      });
    const [onA, onB] = await Promise.all([load(a.url, 'a-'), load(b.url, 'b-')]);

    expect([...onA.errors, ...onB.errors]).toEqual([]);
    expect(onA.writes + onB.writes).toBeGreaterThan(40);
    const acknowledged = new Set([...onA.acknowledged, ...onB.acknowledged]);
    expect(await count(a.url, acknowledged)).toBe(acknowledged.size);
    expect(await count(b.url, acknowledged)).toBe(acknowledged.size);
    for (const server of [a, b]) {
      const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as {
        articles: number;
        indexed: number;
      };
      expect(stats).toMatchObject({ articles: acknowledged.size, indexed: acknowledged.size });
    }
  }, 180_000);
});
