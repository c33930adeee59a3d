/**
 * The PostgreSQL store against a real server (the run's throwaway server, a database per test):
 * the shared ArticleStore contract, then what only a server store does: migrations applied once
 * by two servers starting together, a commit seen by another connection's `onChange` within a
 * second, paging through more rows than one page, two servers writing the same articles at
 * once (no deadlock, the last commit wins), and STORE_UNAVAILABLE naming no password.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PAGE_ROWS } from '../../src/store/postgres-reads.js';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import {
  all,
  describeArticleStoreContract,
  eventually,
  record,
} from '../helpers/article-store-contract.js';
import { createDatabase, dropDatabase } from '../helpers/postgres-server.js';

const made: string[] = [];
const freshUrl = async () => {
  const url = await createDatabase(inject('postgresAdminUrl'));
  made.push(url);
  return url;
};
afterAll(async () => {
  for (const url of made) {
    await dropDatabase(url);
  }
});

let lastUrl = '';
describeArticleStoreContract(
  'PostgreSQL store',
  async () => {
    lastUrl = await freshUrl();
    return createPostgresStore({ url: lastUrl });
  },
  () => createPostgresStore({ url: lastUrl }),
);

describe('PostgreSQL store', () => {
  it('applies its migrations once when two servers open an empty database together', async () => {
    const url = await freshUrl();
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ url })));
    await stores[0]?.upsertMany([record('a')]);
    expect(await stores[2]?.count()).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
    const again = await createPostgresStore({ url });
    expect(await again.count()).toBe(1);
    await again.close();
  });

  it("tells a second connection of a commit within a second, with the commit's changes", async () => {
    const url = await freshUrl();
    const writer = await createPostgresStore({ url });
    const reader = await createPostgresStore({ url });
    const since = await reader.generation();
    let calls = 0;
    const stop = reader.onChange(() => {
      calls += 1;
    });
    await eventually(() => calls > 0); // the first look at the generation
    const before = calls;
    const acknowledged = Date.now();
    await writer.upsertMany([record('a'), record('b')]);
    await eventually(() => calls > before, 1000);
    expect(Date.now() - acknowledged).toBeLessThan(1000);
    expect([...((await reader.changesSince(since))?.articleIds ?? [])].sort()).toEqual(['a', 'b']);
    stop();
    await writer.close();
    await reader.close();
  });

  it('writes the same articles from two servers at once: both commit, the later one wins', async () => {
    const url = await freshUrl();
    const [a, b] = await Promise.all([createPostgresStore({ url }), createPostgresStore({ url })]);
    if (!a || !b) {
      throw new Error('no store');
    }
    // The same ids in opposite orders: rows locked one after another would deadlock.
    const ids = Array.from({ length: 1000 }, (_, i) => `same-${i}`);
    const batch = (order: string[], by: string) => order.map((id) => record(id, { title: by }));
    for (let round = 0; round < 6; round += 1) {
      const [first, second] = await Promise.all([
        a.upsertMany(batch(ids, `a${round}`)),
        b.upsertMany(batch([...ids].reverse(), `b${round}`)),
      ]);
      const later = (first.generation ?? 0) > (second.generation ?? 0) ? `a${round}` : `b${round}`;
      const titles = new Set([...(await a.getMany(ids)).values()].map((x) => x.title));
      expect(titles).toEqual(new Set([later]));
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('iterates a store larger than one page, in insertion order', async () => {
    const store = await createPostgresStore({ url: await freshUrl() });
    await store.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    const ids = Array.from({ length: PAGE_ROWS + 5 }, (_, i) => `p-${i}`);
    await store.upsertMany(ids.map((id) => record(id)));
    expect((await all(store.vectors())).map((v) => v.id)).toEqual(ids);
    expect((await all(store.articles())).length).toBe(ids.length);
    await store.close();
  });

  it('answers STORE_UNAVAILABLE without the password when the server cannot be reached', async () => {
    const url = new URL(await freshUrl());
    url.port = '1'; // nothing listens there
    await expect(createPostgresStore({ url: url.toString() })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      detail: expect.not.stringContaining(url.password),
    });
  });
});
