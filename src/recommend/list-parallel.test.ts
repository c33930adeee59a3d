import { describe, expect, it } from 'vitest';
import { memoryArchive } from '../../test/helpers/memory-archive.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';
import type { Article } from '../articles/article.js';
import { createMaterialisedLists } from './materialised-lists.js';
import type { PoolWorkers, WorkerPool } from './pool-workers.js';

/**
 * Workers in this thread: a second related service over the same indexes stands for the copies
 * (so their pools are right while nothing is written); `hold` keeps batches until released.
 */
function inProcessWorkers(
  pool: (id: string) => Promise<WorkerPool>,
  started: () => { generation: number; statistics: string },
) {
  const held: Array<() => void> = [];
  const counts = { starts: 0, lists: 0, stops: 0 };
  let hold = false;
  const workers: PoolWorkers = {
    capacity: 2,
    start: async () => {
      counts.starts += 1;
      return started();
    },
    async compute(ids) {
      const pools: WorkerPool[] = [];
      for (const id of ids) {
        pools.push(await pool(id));
      }
      counts.lists += ids.length;
      if (hold) {
        await new Promise<void>((resolve) => held.push(resolve));
      }
      return pools;
    },
    stop: () => {
      counts.stops += 1;
    },
  };
  return {
    workers,
    counts,
    hold: (on: boolean) => {
      hold = on;
    },
    release: () => {
      for (const resolve of held.splice(0)) {
        resolve();
      }
    },
  };
}

async function setup(articles: readonly Article[], handBack = new Set<string>()) {
  const archive = await memoryArchive(articles);
  const { core, index, ingest } = archive;
  const related = archive.related();
  const copy = archive.related();
  const statistics = () => related.statistics().token;
  const fake = inProcessWorkers(
    async (id) => (handBack.has(id) ? { handBack: 'test' } : copy.pool(id)),
    () => {
      copy.restoreStatistics(related.statistics().background);
      return { generation: core.generation(), statistics: statistics() };
    },
  );
  const lines: string[] = [];
  const lists = createMaterialisedLists({
    related,
    store: core,
    statistics,
    ids: () => [...index.vectors()].map((entry) => entry.id),
    alive: (id) => index.has(id),
    workers: fake.workers,
    workersWhen: { backlog: 10, quietMs: 0 },
    log: (line) => lines.push(line),
  });
  const everyListIsLive = async () => {
    for (const { id } of index.vectors()) {
      expect(await lists.forArticle(id, { limit: 50 }), id).toEqual(
        await lists.live(id, { limit: 50 }),
      );
    }
  };
  return { ingest, lists, fake, lines, everyListIsLive };
}

describe('lists computed by workers', () => {
  const corpus = createStoryCorpus(7);
  const initial = Array.from({ length: 200 }, (_, i) => corpus.article(`p${i}`, i % 12));

  it('installs the pools the workers computed, equal to the lists computed live', async () => {
    const t = await setup(initial);
    await t.lists.idle();
    expect(t.fake.counts.starts).toBe(1);
    expect(t.fake.counts.lists).toBeGreaterThan(0);
    expect(t.lines.join('\n')).toMatch(/worker threads done, [1-9]\d* lists computed there/);
    await t.everyListIsLive();
  }, 30_000);

  it('drops what the workers computed once a write changed the store, and recomputes it here', async () => {
    const t = await setup(initial);
    t.fake.hold(true);
    // Let the workers start and take their first batches, then write while they hold them.
    while (t.fake.counts.lists === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await t.ingest.upsert([corpus.article('late', 3)]);
    t.lists.changed();
    t.fake.hold(false);
    t.fake.release();
    await t.lists.idle();
    expect(t.lines.join('\n')).toMatch(
      /worker threads stopped \(the store or its statistics changed\)/,
    );
    expect(t.fake.counts.stops).toBeGreaterThan(0);
    await t.everyListIsLive();
  }, 30_000);

  it('computes the lists a worker hands back on this thread', async () => {
    const handBack = new Set(initial.filter((_, i) => i % 3 === 0).map((a) => a.id));
    const t = await setup(initial, handBack);
    await t.lists.idle();
    expect(t.fake.counts.lists).toBeGreaterThan(0);
    expect(t.lists.progress().lists).toBe(initial.length);
    await t.everyListIsLive();
  }, 30_000);
});
