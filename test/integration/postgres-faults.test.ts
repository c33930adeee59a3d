/**
 * Faults of a server on a PostgreSQL store, against real servers and a real PostgreSQL server:
 * `kill -9` of a server in the middle of a batch loses no acknowledged write (and a batch is
 * stored whole or not at all); a database restart is survived: while the database is down,
 * related lists and reads go on from memory, writes answer 503 STORE_UNAVAILABLE with
 * Retry-After and /readyz says so; once it is back, writes work again and each server catches
 * up with what the other wrote. The restart test runs a PostgreSQL server of its own, so the
 * other files' server is never stopped under them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import {
  createDatabase,
  dropDatabase,
  type PostgresServer,
  startPostgresServer,
} from '../helpers/postgres-server.js';
import { problem, send } from '../helpers/requests.js';
import { createStoryCorpus } from '../helpers/story-corpus.js';
import {
  killChildren,
  type ServerProcess,
  startReadyChild,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/test-server.js';

const corpus = createStoryCorpus(23, 4);
const root = mkdtempSync(join(tmpdir(), 'morelike-pg-faults-'));
const children: ServerProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await killChildren(children);
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
  rmSync(root, { recursive: true, force: true });
});

type Item = { id: string; title: string };

const batchOf = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => corpus.article(`k-${from + i}`, (from + i) % 4));

describe('a server killed with SIGKILL in the middle of a batch', () => {
  it('loses no acknowledged write, and stores a batch whole or not at all', async () => {
    const url = await createDatabase(inject('postgresAdminUrl'));
    cleanups.push(() => dropDatabase(url));
    const env = {
      MORELIKE_STORE_URL: url,
      MORELIKE_DATA_DIR: join(root, 'killed'),
      MORELIKE_API_KEYS: TEST_API_KEY,
      MORELIKE_DEMO: 'false',
      MORELIKE_LOG_LEVEL: 'info', // the port is read from the 'listening' line
    };
    const server = await startReadyChild(children, env);
    // Three writers send batches back to back; the server is killed while they are in flight.
    const size = 20;
    const acknowledged: string[] = [];
    const unanswered: string[][] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const body = batchOf(next, size);
        const batch = body.map((a) => a.id);
        next += size;
        const res = await fetch(`${server.url}/v1/articles/batch`, send('POST', body)).catch(
          () => undefined,
        );
        if (res?.status === 200) {
          acknowledged.push(...batch);
        } else {
          unanswered.push(batch);
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(100);
    killed = true;
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.all(writers);

    const store = await createPostgresStore({ url });
    const stored = new Set((await store.getMany(batchOf(0, next).map((a) => a.id))).keys());
    await store.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    for (const batch of unanswered) {
      expect([0, size]).toContain(batch.filter((id) => stored.has(id)).length);
    }
    expect(unanswered.length).toBeGreaterThan(0);
  });
});

/** Two servers on a database of a PostgreSQL server of the test's own (the test stops it). */
async function twoServersOnOwnDatabase() {
  const database: PostgresServer = await startPostgresServer();
  cleanups.push(() => database.destroy());
  const url = await createDatabase(database.url());
  const a: TestServer = await startTestServer({ MORELIKE_STORE_URL: url });
  const b: TestServer = await startTestServer({ MORELIKE_STORE_URL: url });
  cleanups.push(
    () => a.close(),
    () => b.close(),
  );
  return { database, url, a, b };
}

describe('a database restart', () => {
  it('answers writes 503 while the database is down, reads from memory, then catches up', async () => {
    const { database, a, b } = await twoServersOnOwnDatabase();
    const first = batchOf(0, 24);
    expect((await fetch(`${a.url}/v1/articles/batch`, send('POST', first))).status).toBe(200);
    await expect.poll(() => fetch(`${b.url}/v1/articles/k-0`).then((r) => r.status)).toBe(200);

    await database.stop();
    const refused = await fetch(
      `${a.url}/v1/articles/k-new`,
      send('PUT', corpus.article('k-new', 0)),
    );
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problem(refused)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((await fetch(`${a.url}/v1/articles/k-0/related`)).status).toBe(200);
    expect((await fetch(`${a.url}/v1/articles/k-0`)).status).toBe(200);
    expect(await (await fetch(`${a.url}/v1/articles/k-0/overrides`)).json()).toEqual({
      pinned: [],
      blocked: [],
    });
    const ready = await fetch(`${a.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'unavailable' });
    // Stats answer from memory (the count the server reflects); title search needs the store.
    const stats = await fetch(`${a.url}/v1/stats`);
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ articles: 24, indexed: 24 });
    const search = await fetch(`${a.url}/v1/search?q=${encodeURIComponent(first[0]?.title ?? '')}`);
    expect(search.status).toBe(503);
    expect(Number(search.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problem(search)).toMatchObject({ code: 'STORE_UNAVAILABLE' });

    await database.start();
    const retried = async () =>
      (await fetch(`${b.url}/v1/articles/k-new`, send('PUT', corpus.article('k-new', 0)))).status;
    await expect.poll(retried, { timeout: 10_000, interval: 200 }).toBe(201);
    await expect
      .poll(() => fetch(`${a.url}/v1/articles/k-new/related`).then((r) => r.status), {
        timeout: 2000,
      })
      .toBe(200);
    expect(await (await fetch(`${a.url}/readyz`)).json()).toMatchObject({ store: 'ok' });
  });
});

describe('two servers writing the same articles at once', () => {
  it('answers every batch, and both servers end with what the last commit stored', async () => {
    const { database, url, a, b } = await twoServersOnOwnDatabase();
    const anchors = [0, 1].flatMap((story) =>
      [0, 1, 2].map((i) => corpus.article(`t${story}-${i}`, story)),
    );
    expect((await fetch(`${a.url}/v1/articles/batch`, send('POST', anchors))).status).toBe(200);
    // The same twelve ids from both servers, round after round: A in one order with story 0's
    // words, B in the reverse order with story 1's (rows locked in opposite orders).
    const ids = Array.from({ length: 12 }, (_, i) => `same-${i}`);
    const write = (server: TestServer, story: number, round: number, order: string[]) =>
      fetch(
        `${server.url}/v1/articles/batch`,
        send(
          'POST',
          order.map((id) => ({
            ...corpus.article(id, story),
            title: `${id} by ${story}/${round}`,
          })),
        ),
      ).then((res) => res.status);
    for (let round = 0; round < 6; round += 1) {
      const statuses = await Promise.all([
        write(a, 0, round, ids),
        write(b, 1, round, [...ids].reverse()),
      ]);
      expect(statuses).toEqual([200, 200]);
    }
    const store = await createPostgresStore({ url });
    const stored = await store.getMany(ids);
    await store.close();
    // Each server's list of an article names the stored version as its source and leads with
    // an article of the stored version's story (the anchors, or the others by their title).
    const storyOf = (title = '') => / by (\d)\//.exec(title)?.[1] ?? '?';
    const seen = async (server: TestServer, id: string) => {
      const res = await fetch(`${server.url}/v1/articles/${id}/related?limit=3`);
      const body = (await res.json()) as { source: { title: string }; items: Item[] };
      const first = body.items[0];
      const story = first?.id.startsWith('t') ? first.id.slice(1, 2) : storyOf(first?.title);
      return `${body.source.title} leads with story ${story}`;
    };
    for (const server of [a, b]) {
      for (const id of ids) {
        const title = stored.get(id)?.title;
        await expect
          .poll(() => seen(server, id), { timeout: 2000 })
          .toBe(`${title} leads with story ${storyOf(title)}`);
      }
    }
    // With the database down, each server answers an article from what it holds: the same.
    await database.stop();
    for (const server of [a, b]) {
      for (const id of ids) {
        const held = await (await fetch(`${server.url}/v1/articles/${id}`)).json();
        expect(held).toMatchObject({ title: stored.get(id)?.title });
      }
    }
    await database.start(); // the servers save their snapshots as they close
  });
});
