/**
 * Concurrent writes and reads against the real server (real model, SQLite, HNSW) for a bounded
 * time: writers PUT distinct ids and POST batches, readers GET articles and related lists. No
 * unexpected answer, and no lost write: every acknowledged id is stored and indexed at the end,
 * and store count == index count == acknowledged. `scripts/soak.ts` runs it longer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../helpers/load-workers.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/test-server.js';

const DURATION_MS = 8_000;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    MORELIKE_RATE_LIMIT_PREVIEW: '1000000',
    MORELIKE_RATE_LIMIT_WRITE: '1000000',
  });
});

afterAll(async () => {
  await server?.close();
});

describe('concurrent writers and readers', () => {
  it('answers every request as expected and loses no acknowledged write', async () => {
    const result = await runLoad({
      url: server.url,
      apiKey: TEST_API_KEY,
      writers: 4,
      readers: 4,
      durationMs: DURATION_MS,
    });

    expect(result.errors).toEqual([]);
    expect(result.writes).toBeGreaterThan(20);
    expect(result.reads).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const id of result.acknowledged) {
      const res = await fetch(`${server.url}/v1/articles/${id}`);
      await res.arrayBuffer();
      if (res.status !== 200) {
        missing.push(id);
      }
    }
    expect(missing).toEqual([]);
    const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as {
      articles: number;
      indexed: number;
    };
    expect(stats.articles).toBe(result.acknowledged.size);
    expect(stats.indexed).toBe(result.acknowledged.size);
  }, 60_000);
});
