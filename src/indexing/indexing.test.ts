import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/article-store-contract.js';
import {
  createFakeSnapshots,
  createMemoryListsSnapshots,
} from '../../test/helpers/fake-snapshots.js';
import { countedServerStore } from '../../test/helpers/server-store.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { analyzeArticle } from '../lexical/analyze.js';
import type { ListsSnapshots } from '../recommend/materialised-lists.js';
import type { ArticleStore, LocalReads } from '../store/article-store.js';
import { createMemoryCore } from '../store/memory-store.js';
import { asyncStore, type SyncArticleStore } from '../store/sync-store.js';
import { type Indexing, openIndexing } from './indexing.js';

const corpus = createStoryCorpus(5);
const articles = Array.from({ length: 40 }, (_, i) => corpus.article(`a${i}`, i % 6));
const embedder = createFakeEmbedder({ dimensions: 32 });
const MODEL = { modelId: embedder.modelId, dimensions: 32 };

/** A store over `core` as a database server would be: no local reads, reads counted. */
function serverStore(core: SyncArticleStore): { store: ArticleStore; reads: () => number } {
  const { store, calls } = countedServerStore(asyncStore(core, 20));
  const reads = () =>
    [...calls].reduce((sum, [method, n]) => sum + (method === 'onChange' ? 0 : n), 0);
  return { store, reads };
}

const rooms: Indexing[] = [];
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => room.close()));
});

async function open(
  store: ArticleStore & { local?: LocalReads },
  snapshots = createFakeSnapshots(),
  listsSnapshots?: ListsSnapshots,
): Promise<Indexing> {
  await store.claimVectorModel(MODEL);
  const room = await openIndexing({
    store,
    model: MODEL,
    embedder,
    analyze: analyzeArticle,
    snapshots,
    ...(listsSnapshots ? { listsSnapshots } : {}),
    log: () => {},
  });
  rooms.push(room);
  return room;
}

describe('the indexing room', () => {
  it('saves its snapshots when it closes while its database is down', async () => {
    const { store } = serverStore(createMemoryCore());
    let down = false;
    const failing = new Proxy(store, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (!down || typeof value !== 'function' || key === 'onChange') {
          return value;
        }
        return () => Promise.reject(new Error('connect ECONNREFUSED'));
      },
    });
    const snapshots = createFakeSnapshots();
    const room = await open(failing, snapshots);
    await room.ingest.upsert(articles.slice(0, 12));
    down = true;
    await room.close();
    expect(snapshots.readMeta()).toMatchObject({ generation: room.generation(), count: 12 });
  });

  it('has a write of ingest in the indexes and lists once the write resolves', async () => {
    const room = await open(asyncStore(createMemoryCore()));
    await room.ingest.upsert(articles);
    expect(room.index.size()).toBe(40);
    expect(room.lexical.size()).toBe(40);
    const list = await room.lists.forArticle('a0', { limit: 5 });
    expect(list.items.length).toBeGreaterThan(0);
    await room.ingest.remove('a1');
    expect(room.index.has('a1')).toBe(false);
    expect(room.generation()).toBe(2);
  });

  it('catches up within a second with a write of another process, told by the store', async () => {
    const core = createMemoryCore();
    const room = await open(asyncStore(core, 20));
    const other = await open(asyncStore(core, 20));
    await other.ingest.upsert(articles.slice(0, 10));
    await eventually(() => room.index.size() === 10, 1000);
    await other.ingest.remove('a3');
    await eventually(() => !room.index.has('a3'), 1000);
    const list = await room.lists.forArticle('a0', { limit: 10, minScore: 0 });
    expect(list.items.map((i) => i.id)).not.toContain('a3');
  });

  it('holds articles and overrides for a store on a server, reading nothing of it per list', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20));
    await writer.ingest.upsert(articles);
    const { store, reads } = serverStore(core);
    const room = await open(store);
    expect(room.articles.get('a5')?.title).toBe(articles[5]?.title);
    const shown = (await room.lists.forArticle('a0', { limit: 10 })).items.map((i) => i.id);
    expect(shown.length).toBeGreaterThan(1);
    core.setOverrides('a0', { pinned: [], blocked: [shown[0] ?? ''] });
    await eventually(() => room.articles.getOverrides('a0').blocked.length === 1, 1000);
    const after = (await room.lists.forArticle('a0', { limit: 10 })).items.map((i) => i.id);
    expect(after).not.toContain(shown[0]);
    await room.lists.idle();
    const before = reads();
    for (const { id } of articles) {
      await room.lists.forArticle(id, { limit: 6 });
    }
    expect(reads()).toBe(before);
  });

  it('answers every list from its snapshots after a restart that follows a rebuild', async () => {
    const core = createMemoryCore();
    const [snapshots, lists] = [createFakeSnapshots(), createMemoryListsSnapshots()];
    const first = await open(asyncStore(core), snapshots, lists);
    await first.ingest.upsert(articles.slice(0, 20));
    await first.rebuild('a test');
    await first.lists.idle();
    const before = await first.lists.forArticle('a0', { limit: 5 });
    await first.close();
    const second = await open(asyncStore(core), snapshots, lists);
    expect(second.swaps()).toBe(1);
    expect(await second.lists.forArticle('a0', { limit: 5 })).toEqual(before);
    // Not even in the background: the lists were saved under the statistics it has.
    await second.lists.idle();
    expect(second.lists.progress().computed).toBe(0);
  });

  it('rebuilds and swaps both indexes, counting the swap', async () => {
    const room = await open(asyncStore(createMemoryCore()));
    await room.ingest.upsert(articles.slice(0, 12));
    const before = await room.lists.forArticle('a0', { limit: 5, minScore: 0 });
    await room.rebuild('a test');
    expect(room.swaps()).toBe(1);
    expect(room.index.size()).toBe(12);
    expect(await room.lists.forArticle('a0', { limit: 5, minScore: 0 })).toEqual(before);
  });
});
