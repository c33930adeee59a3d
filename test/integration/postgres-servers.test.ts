/**
 * Several servers on one PostgreSQL store, as a site runs them behind a load balancer: real
 * servers (real HTTP, the shipped model, separate data folders) on one database of the run's
 * throwaway PostgreSQL server. What one server acknowledges, the other reflects within a second:
 * a new article in its story's lists, a delete never again, overrides applied.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../helpers/postgres-server.js';
import { send } from '../helpers/requests.js';
import { createStoryCorpus } from '../helpers/story-corpus.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const corpus = createStoryCorpus(17, 4);
const ARTICLES = Array.from({ length: 4 * 6 }, (_, i) =>
  corpus.article(`s${i % 4}-${Math.floor(i / 4)}`, i % 4),
);

let url: string;
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  url = await createDatabase(inject('postgresAdminUrl'));
  a = await startTestServer({ MORELIKE_STORE_URL: url });
  b = await startTestServer({ MORELIKE_STORE_URL: url });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropDatabase(url);
});

/**
 * The ids of the related list of `id` on `server` (long enough to hold the whole story); empty
 * while the server does not know `id` yet.
 */
async function listed(server: TestServer, id: string): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/articles/${id}/related?limit=50`);
  if (res.status === 404) {
    return [];
  }
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items.map((item) => item.id);
}

/** Milliseconds from now until `check` holds, polled every 10 ms (fails after `ms`). */
async function millisUntil(check: () => Promise<boolean>, ms = 1000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) {
      throw new Error(`not within ${ms} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

describe('two servers on one PostgreSQL store', () => {
  it("shows a write on one server in the other's related lists within a second", async () => {
    const batch = await fetch(`${a.url}/v1/articles/batch`, send('POST', ARTICLES));
    expect(await batch.json()).toMatchObject({ accepted: ARTICLES.length, rejected: [] });
    const caughtUp = await millisUntil(async () => (await listed(b, 's0-0')).length > 0);
    expect(caughtUp).toBeLessThan(1000);

    // The writer reflects its write in its next answer; the other server within a second: it
    // knows the new article, and every list of its story reads as on the writer.
    const fresh = corpus.article('s0-new', 0);
    const put = await fetch(`${a.url}/v1/articles/s0-new`, send('PUT', fresh));
    expect(put.status).toBe(201);
    const story = [...ARTICLES.filter((x) => x.id.startsWith('s0-')).map((x) => x.id), 's0-new'];
    const onWriter = await Promise.all(story.map((id) => listed(a, id)));
    expect(onWriter.flat()).toContain('s0-new');
    const lag = await millisUntil(async () => {
      const onOther = await Promise.all(story.map((id) => listed(b, id)));
      return JSON.stringify(onOther) === JSON.stringify(onWriter);
    });
    expect(lag).toBeLessThan(1000);
  });

  it('never shows an article deleted on the other server again', async () => {
    const gone = (await listed(a, 's1-0'))[0] ?? 'none listed';
    expect((await fetch(`${b.url}/v1/articles/${gone}`, send('DELETE'))).status).toBe(204);
    const lag = await millisUntil(async () => !(await listed(a, 's1-0')).includes(gone));
    expect(lag).toBeLessThan(1000);
    const sources = ARTICLES.map((x) => x.id).filter((id) => id.startsWith('s1-') && id !== gone);
    for (let round = 0; round < 5; round += 1) {
      for (const server of [a, b]) {
        for (const source of sources) {
          expect(await listed(server, source)).not.toContain(gone);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`${a.url}/v1/articles/${gone}`)).status).toBe(404);
  });

  it("applies overrides set on one server to the other's lists within a second", async () => {
    const blocked = (await listed(b, 's2-0'))[0] ?? 'none listed';
    const overrides = { pinned: ['s3-0'], blocked: [blocked] };
    const put = await fetch(`${a.url}/v1/articles/s2-0/overrides`, send('PUT', overrides));
    expect(put.status).toBe(200);
    await millisUntil(async () => {
      const now = await listed(b, 's2-0');
      return now[0] === 's3-0' && !now.includes(blocked);
    });
    const read = await fetch(`${b.url}/v1/articles/s2-0/overrides`);
    expect(await read.json()).toEqual(overrides);
  });
});
