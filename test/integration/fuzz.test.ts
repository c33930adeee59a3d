/**
 * Fuzz: a bounded run (2,000 seeded requests) of malformed and hostile requests against the real
 * server (real model, SQLite, HNSW) on port 0 with an API key, authorised and anonymous mixed.
 * No request may get a 5xx or a dropped connection, the server stays up and the heap stays flat.
 * `scripts/soak.ts` runs the same generator for 10,000+ requests and longer.
 */
import { Agent } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzCases } from '../helpers/fuzz-cases.js';
import { OPTION_TYPES } from '../helpers/fuzz-values.js';
import { countStatus, runRaw, sendRaw } from '../helpers/raw-http.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/test-server.js';

const REQUESTS = 2_000;
const WARM_UP = 300;
const SEED = 20_261_128;
/** Heap growth allowed over the run, after a full GC on both sides. */
const HEAP_BOUND_MB = 50;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    // High enough that the limiter does not hide the deeper code paths from the fuzzer.
    MORELIKE_RATE_LIMIT_PREVIEW: '1000000',
    MORELIKE_RATE_LIMIT_WRITE: '1000000',
    MORELIKE_MAX_BODY_BYTES: String(1024 * 1024),
  });
});

afterAll(async () => {
  await server?.close();
});

describe('fuzz: hostile requests against the real server', () => {
  it(`answers ${REQUESTS} malformed requests without a 5xx, stays up and keeps the heap flat`, async () => {
    const options = { apiKey: TEST_API_KEY };
    const warm = await runRaw(server.url, fuzzCases(SEED + 1, WARM_UP, options));
    expect(warm.failures).toEqual([]);
    const before = heapMb();

    const run = await runRaw(server.url, fuzzCases(SEED, REQUESTS, options));
    const after = heapMb();

    expect(run.sent).toBe(REQUESTS);
    expect(run.failures).toEqual([]);
    expect(countStatus(run, 500, 600)).toBe(0);
    expect(countStatus(run, 400, 500)).toBeGreaterThan(REQUESTS / 2);
    expect(countStatus(run, 200, 300)).toBeGreaterThan(0);
    expect(after - before).toBeLessThan(HEAP_BOUND_MB);

    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 120_000);

  it('stores nothing from requests it rejected and leaves Object.prototype clean', async () => {
    const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as {
      articles: number;
      indexed: number;
    };
    expect(stats.indexed).toBe(stats.articles);
    // Valid items only come from ids fz-0..fz-39, plus `p1` and `c1` (valid items in the
    // `__proto__` and content-type families).
    expect(stats.articles).toBeLessThanOrEqual(42);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // Ids only rejected requests carried: a bad key, deep markup, a too-large batch, a `__proto__`
    // id, a mismatch.
    for (const id of ['fz-auth', 'fz-deep', 'm0', 'm999', 'evil', 'other-id']) {
      expect((await fetch(`${server.url}/v1/articles/${id}`)).status).toBe(404);
    }
  });

  it('rejects a body of markup nested 3,000 deep as one bad item, never a failed request', async () => {
    const deep = { id: 'nest-bad', title: 'Deep', body: `${'<div>'.repeat(3_000)}text` };
    const draft = await fetch(`${server.url}/v1/related`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: deep.title, body: deep.body }),
    });
    expect(draft.status).toBe(400);
    expect(await draft.json()).toMatchObject({ errors: [{ field: 'body' }] });

    const valid = Array.from({ length: 300 }, (_, i) => ({ id: `nest-${i}`, title: `Item ${i}` }));
    const batch = await fetch(`${server.url}/v1/articles/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([...valid, deep]),
    });
    expect(batch.status).toBe(200);
    expect(await batch.json()).toEqual({
      accepted: 300,
      rejected: [
        {
          index: 300,
          id: 'nest-bad',
          errors: [{ field: 'body', message: 'must not nest HTML elements more than 256 deep' }],
        },
      ],
    });
  });

  it('rejects each wrong-typed draft option with 400 naming it, never coercing it', async () => {
    for (const [option, value] of OPTION_TYPES) {
      const res = await fetch(`${server.url}/v1/related`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: `{"title":"Storm floods the harbour","${option}":${value}}`,
      });
      const problem = (await res.json()) as { code?: string; errors?: unknown };
      expect({ option, value, status: res.status, problem }).toMatchObject({
        status: 400,
        problem: { code: 'VALIDATION_FAILED', errors: [{ field: option }] },
      });
    }
  });

  it('closes the connection after a 413, so a keep-alive client never reuses a dropped socket', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const base = new URL(server.url);
    const headers = { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' };
    const huge = JSON.stringify({ title: 'big', body: 'b'.repeat(1_100_000) });
    const results = [];
    for (let round = 0; round < 5; round += 1) {
      const tooLarge = { kind: 'huge', method: 'POST', path: '/v1/related', headers, body: huge };
      results.push(await sendRaw(agent, base, tooLarge));
      results.push(
        await sendRaw(agent, base, { kind: 'next', method: 'GET', path: '/healthz', headers: {} }),
      );
    }
    agent.destroy();
    expect(results.map((r) => r.status)).toEqual([
      413, 200, 413, 200, 413, 200, 413, 200, 413, 200,
    ]);
  });
});
