/**
 * Lists computed in worker threads (copies of the indexes loaded from the snapshots) over the
 * real SQLite store and HNSW index: every list equals the one computed from scratch on the main
 * thread's indexes, after a bulk import and after random upserts, deletes and overrides changes
 * made while the workers run. On a real PostgreSQL store too (the workers read the held
 * articles from their snapshot).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Services } from '../../src/services.js';
import { dataFolders } from '../helpers/data-folders.js';
import { createDatabase, dropDatabase } from '../helpers/postgres-server.js';
import { createStoryCorpus } from '../helpers/story-corpus.js';

const folders = dataFolders('morelike-list-workers-');
afterAll(() => folders.remove());

const WORKERS = { listThreads: 1, when: { backlog: 20, quietMs: 0 } };

/** Every stored article's list as served, and as computed live from the same indexes. */
async function servedAndLive(services: Services) {
  const served = [];
  const live = [];
  for (const { id } of services.index.vectors()) {
    served.push(await services.related.forArticle(id, { limit: 50 }));
    live.push(await services.lists.live(id, { limit: 50 }));
  }
  return { served, live };
}

describe('list worker threads', () => {
  it('compute lists equal to the lists computed from scratch, through random writes', async () => {
    const corpus = createStoryCorpus(5);
    const lines: string[] = [];
    const services = await folders.open(folders.freshDir(), lines, 32, WORKERS);
    try {
      const initial = Array.from({ length: 1500 }, (_, i) => corpus.article(`w${i}`, i % 12));
      await services.ingest.upsert(initial);
      await services.lists.idle();
      const log = lines.join('\n');
      expect(log).toMatch(/lists: 1 worker threads compute lists/);
      const done = /worker threads done, (\d+) lists computed there/.exec(log);
      expect(Number(done?.[1] ?? 0)).toBeGreaterThan(0);
      let next = initial.length;
      for (let step = 0; step < 25; step += 1) {
        const stored = [...services.index.vectors()].map((entry) => entry.id);
        const roll = corpus.random();
        if (roll < 0.4) {
          await services.ingest.upsert([corpus.article(`w${next}`, step % 12)]);
          next += 1;
        } else if (roll < 0.6) {
          await services.ingest.remove(corpus.pick(stored));
        } else if (roll < 0.8) {
          await services.overrides.set(corpus.pick(stored), {
            pinned: [corpus.pick(stored)],
            blocked: [corpus.pick(stored)],
          });
        } else {
          // A batch import: a sweep over every list, which the workers share.
          const batch = Array.from({ length: 30 }, (_, i) =>
            corpus.article(`w${next + i}`, i % 12),
          );
          next += batch.length;
          await services.ingest.upsert(batch);
        }
      }
      await services.lists.idle();
      const { served, live } = await servedAndLive(services);
      expect(served.length).toBeGreaterThan(1500);
      expect(served).toEqual(live);
    } finally {
      await services.close();
    }
  }, 400_000);

  it('compute lists equal to those computed from scratch on a PostgreSQL store', async () => {
    const url = await createDatabase(inject('postgresAdminUrl'));
    const corpus = createStoryCorpus(6);
    const lines: string[] = [];
    const services = await folders.open(folders.freshDir(), lines, 32, WORKERS, url);
    try {
      // Enough lists that the main thread is still at them when the worker has started (it
      // opens its own database connection first).
      const initial = Array.from({ length: 2000 }, (_, i) => corpus.article(`p${i}`, i % 12));
      await services.ingest.upsert(initial);
      await services.lists.idle();
      const log = lines.join('\n');
      expect(log).toMatch(/lists: 1 worker threads compute lists/);
      const done = /worker threads done, (\d+) lists computed there/.exec(log);
      expect(Number(done?.[1] ?? 0)).toBeGreaterThan(0);
      await services.ingest.remove('p3');
      await services.overrides.set('p0', { pinned: ['p5'], blocked: ['p12'] });
      const more = Array.from({ length: 30 }, (_, i) => corpus.article(`q${i}`, i % 12));
      await services.ingest.upsert(more);
      await services.lists.idle();
      const { served, live } = await servedAndLive(services);
      expect(served.length).toBe(2029);
      expect(served).toEqual(live);
    } finally {
      await services.close();
      await dropDatabase(url);
    }
  }, 400_000);
});
