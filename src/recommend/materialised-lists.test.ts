import { describe, expect, it } from 'vitest';
import { createMemoryListsSnapshots } from '../../test/helpers/fake-snapshots.js';
import { memoryArchive } from '../../test/helpers/memory-archive.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';
import type { Article } from '../articles/article.js';
import { createMaterialisedLists, type ListsSnapshots } from './materialised-lists.js';
import { createOverrides } from './overrides.js';
import { createRelated } from './related.js';

const NOW = () => new Date('2026-11-01T00:00:00Z');

/** The lists over a memory store, an exact index and a lexical index, fed by `articles`. */
async function setup(
  articles: readonly Article[],
  snapshots?: ListsSnapshots,
  readingGapMs?: number,
) {
  const archive = await memoryArchive(articles);
  const { core, store, embedder, index, lexical, ingest } = archive;
  const related = archive.related();
  const lists = createMaterialisedLists({
    related,
    store: core,
    statistics: () => related.statistics().token,
    ids: () => [...index.vectors()].map((entry) => entry.id),
    alive: (id) => index.has(id),
    snapshots,
    readingGapMs,
  });
  await lists.idle();
  /** The list of `id` computed from scratch on the same indexes and statistics. */
  const fromScratch = (id: string, limit = 50) => {
    const scratch = createRelated({ store: core, index, embedder, lexical, now: NOW });
    scratch.restoreStatistics(related.statistics().background);
    return scratch.live(id, { limit });
  };
  const overrides = createOverrides({ store });
  const write = {
    async upsert(article: Article) {
      await ingest.upsert([article]);
      lists.changed();
    },
    async remove(id: string) {
      await ingest.remove(id);
      lists.changed();
    },
    async overrides(id: string, pinned: string[], blocked: string[]) {
      await overrides.set(id, { pinned, blocked });
      lists.changed();
    },
  };
  return { store: core, index, lists, related, write, fromScratch };
}

const ids = (list: { items: readonly { id: string }[] }) => list.items.map((item) => item.id);

describe('materialised lists', () => {
  it('settle the statistics on the archive as it is, and recompute every list under them', async () => {
    const corpus = createStoryCorpus(5);
    const t = await setup(Array.from({ length: 120 }, (_, i) => corpus.article(`s${i}`, i % 8)));
    // One more article is under the 2% drift: the statistics stay as they were.
    const token = t.related.statistics().token;
    await t.write.upsert(corpus.article('s-last', 3));
    await t.lists.idle();
    expect(t.related.statistics().token).toBe(token);
    const computed = t.lists.progress().computed;
    t.lists.settleStatistics();
    expect(t.related.statistics().token).not.toBe(token);
    expect(t.related.statistics().background.sampledAt).toBe(121);
    await t.lists.idle();
    expect(t.lists.progress().computed - computed).toBeGreaterThanOrEqual(121);
    for (const id of ['s0', 's7', 's-last']) {
      expect(ids(await t.lists.forArticle(id, { limit: 50 }))).toEqual(
        ids(await t.fromScratch(id)),
      );
    }
  });

  it('equal the lists computed from scratch after random upserts, deletes and overrides', async () => {
    const corpus = createStoryCorpus(11);
    const initial = Array.from({ length: 150 }, (_, i) => corpus.article(`a${i}`, i % 12));
    const t = await setup(initial);
    const before = t.lists.progress().computed;
    let next = initial.length;
    let writes = 0;
    for (let step = 0; step < 40; step += 1) {
      const stored = [...t.index.vectors()].map((entry) => entry.id);
      const roll = corpus.random();
      if (roll < 0.45) {
        await t.write.upsert(corpus.article(`a${next}`, Math.floor(corpus.random() * 12)));
        next += 1;
      } else if (roll < 0.65) {
        const id = corpus.pick(stored);
        await t.write.upsert(corpus.article(id, Math.floor(corpus.random() * 12)));
      } else if (roll < 0.85) {
        await t.write.remove(corpus.pick(stored));
      } else {
        await t.write.overrides(corpus.pick(stored), [corpus.pick(stored)], [corpus.pick(stored)]);
      }
      writes += 1;
      await t.lists.idle();
    }
    const stored = [...t.index.vectors()].map((entry) => entry.id);
    const computed = t.lists.progress().computed;
    for (const id of stored) {
      const materialised = await t.lists.forArticle(id, { limit: 50 });
      expect(materialised, id).toEqual(await t.fromScratch(id));
    }
    // Every list was answered from its materialised pool: none was computed for the check.
    expect(t.lists.progress().computed).toBe(computed);
    // Narrow: on average a write recomputed far fewer lists than the archive holds.
    expect((computed - before) / writes).toBeLessThan(stored.length / 3);
  }, 60_000);
});

describe('a write refreshes the lists it changes, in the next answer', () => {
  const corpus = createStoryCorpus(5);
  const initial = Array.from({ length: 120 }, (_, i) => corpus.article(`a${i}`, i % 12));

  it("shows a new same-story article in its story's lists", async () => {
    const t = await setup(initial);
    await t.write.upsert(corpus.article('new-1', 3));
    const story = initial.filter((_, i) => i % 12 === 3).map((a) => a.id);
    const showing = [];
    for (const id of story) {
      if (ids(await t.lists.forArticle(id, { limit: 50 })).includes('new-1')) {
        showing.push(id);
      }
    }
    expect(showing.length).toBeGreaterThan(story.length / 2);
    for (const id of story) {
      expect(await t.lists.forArticle(id, { limit: 50 })).toEqual(await t.fromScratch(id));
    }
  });

  it('leaves the lists a write marks to their next read while lists are being read', async () => {
    const t = await setup(initial, undefined, 60_000);
    await t.lists.forArticle('a0');
    const computed = t.lists.progress().computed;
    await t.write.upsert(corpus.article('new-2', 3));
    await t.lists.forArticle('a0'); // another story's list: the read waits for the catch-up
    // Only the written article's own list is computed at once (it names the lists to mark).
    expect(t.lists.progress().computed - computed).toBe(1);
    expect(t.lists.progress().busy).toBe(true);
    const story = initial.filter((_, i) => i % 12 === 3).map((a) => a.id);
    const shown = [];
    for (const id of story) {
      shown.push(ids(await t.lists.forArticle(id, { limit: 50 })).includes('new-2'));
      expect(await t.lists.forArticle(id, { limit: 50 })).toEqual(await t.fromScratch(id));
    }
    expect(shown.filter(Boolean).length).toBeGreaterThan(story.length / 2);
    t.lists.stop();
  });

  it('shows an updated title in the lists holding the article', async () => {
    const t = await setup(initial);
    const holder = (await t.lists.forArticle('a3', { limit: 50 })).items[0];
    expect(holder).toBeDefined();
    const changed = { ...(t.store.get(holder?.id ?? '') as Article), title: 'A new headline' };
    await t.write.upsert(changed);
    const list = await t.lists.forArticle('a3', { limit: 50 });
    expect(list.items.find((item) => item.id === holder?.id)?.title).toBe('A new headline');
  });

  it('never shows a deleted article again', async () => {
    const t = await setup(initial);
    const shown = ids(await t.lists.forArticle('a3', { limit: 50 }));
    await t.write.remove(shown[0] ?? '');
    expect(ids(await t.lists.forArticle('a3', { limit: 50 }))).not.toContain(shown[0]);
    expect(await t.lists.forArticle('a3', { limit: 50 })).toEqual(await t.fromScratch('a3'));
  });

  it('applies an overrides change to that one list, recomputing only it', async () => {
    const t = await setup(initial);
    const shown = ids(await t.lists.forArticle('a3'));
    const computed = t.lists.progress().computed;
    await t.write.overrides('a3', ['a100'], [shown[0] ?? '']);
    const list = await t.lists.forArticle('a3');
    expect(list.items[0]).toMatchObject({ id: 'a100', pinned: true });
    expect(ids(list)).not.toContain(shown[0]);
    await t.lists.idle();
    expect(t.lists.progress().computed - computed).toBe(1);
  });

  it('reflects a batch import in every list once the background sweep has run', async () => {
    const t = await setup(initial);
    const batch = Array.from({ length: 20 }, (_, i) => corpus.article(`batch-${i}`, i % 12));
    await t.lists.forArticle('a3');
    await t.write.upsert(batch[0] as Article);
    await Promise.all(batch.map((article) => t.write.upsert(article)));
    await t.lists.idle();
    for (const id of ['a3', 'a4', 'batch-3', 'batch-7']) {
      expect(await t.lists.forArticle(id, { limit: 50 })).toEqual(await t.fromScratch(id));
    }
  });

  it('answers every list from a saved snapshot after a restart, computing none', async () => {
    const snapshots = createMemoryListsSnapshots();
    const first = await setup(initial, snapshots);
    first.lists.save();
    const saved = snapshots.load();
    expect(typeof saved === 'string' ? saved : saved.lists.length).toBe(initial.length);
    const restarted = await setup(initial, snapshots);
    expect(restarted.lists.progress()).toMatchObject({ lists: initial.length, computed: 0 });
    for (const { id } of initial) {
      expect(await restarted.lists.forArticle(id)).toEqual(await first.lists.forArticle(id));
    }
    expect(restarted.lists.progress().computed).toBe(0);
  });

  it('computes every list again when the loaded snapshot fails its check after start', async () => {
    const snapshots = createMemoryListsSnapshots();
    (await setup(initial, snapshots)).lists.save();
    const damaged: ListsSnapshots = {
      save: (lists) => snapshots.save(lists),
      load() {
        const saved = snapshots.load();
        return typeof saved === 'string' ? saved : { ...saved, verify: async () => 'corrupt' };
      },
    };
    const restarted = await setup(initial, damaged);
    await restarted.lists.idle();
    expect(restarted.lists.progress().computed).toBe(initial.length);
  });
});
