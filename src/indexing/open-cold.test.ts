import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { countedServerStore } from '../../test/helpers/server-store.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { analyzeArticle } from '../lexical/analyze.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryCore } from '../store/memory-store.js';
import { asyncStore } from '../store/sync-store.js';
import { createHnswIndex } from '../vector-index/hnsw-index.js';
import { createIndexSnapshots } from '../vector-index/index-snapshot.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import { type Indexing, openIndexing } from './indexing.js';
import { openCold } from './open-cold.js';

const corpus = createStoryCorpus(7);
const articles = Array.from({ length: 300 }, (_, i) => corpus.article(`a${i}`, i % 9));
const embedder = createFakeEmbedder({ dimensions: 32 });
const MODEL = { modelId: embedder.modelId, dimensions: 32 };

const folders: string[] = [];
const rooms: Indexing[] = [];
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => room.close()));
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'morelike-cold-'));
  folders.push(made);
  return made;
}

/** A store holding `articles` (written, some rewritten and one removed, through a room). */
async function filledStore(): Promise<ArticleStore> {
  const store = asyncStore(createMemoryCore(), 20);
  const writer = await open(store, createFakeSnapshots());
  await writer.ingest.upsert(articles);
  await writer.ingest.upsert(articles.slice(20, 30).map((a) => ({ ...a, title: `${a.title}!` })));
  await writer.ingest.remove('a7');
  return store;
}

/** As a database server's store: no local reads (the room holds the articles). */
const remote = (store: ArticleStore): ArticleStore => countedServerStore(store).store;

async function open(
  store: ArticleStore,
  snapshots: IndexSnapshots,
  log: (line: string) => void = () => {},
): Promise<Indexing> {
  await store.claimVectorModel(MODEL);
  const room = await openIndexing({
    store,
    model: MODEL,
    embedder,
    analyze: analyzeArticle,
    snapshots,
    log,
    vectorWorkerFrom: 0,
  });
  rooms.push(room);
  return room;
}

async function everyList(room: Indexing): Promise<string[][]> {
  const lists: string[][] = [];
  for (const { id } of articles.filter((a) => a.id !== 'a7')) {
    const list = await room.lists.forArticle(id, { limit: 10, minScore: 0 });
    lists.push(list.items.map((item) => `${item.id} ${item.score}`));
  }
  return lists;
}

describe('a start without a vector snapshot', () => {
  it('builds what the old one-after-the-other build did, from one read of the store', async () => {
    const store = remote(await filledStore());
    const opened = await openCold(
      {
        store,
        snapshots: createIndexSnapshots(folder()),
        holdArticles: true,
        log: () => {},
        vectorWorkerFrom: 0,
      },
      MODEL,
    );
    const index = createHnswIndex(MODEL.dimensions, Math.max(1024, await store.count()));
    for await (const { id, vector } of store.vectors()) {
      index.upsert(id, vector);
    }
    const lexical = createLexicalIndex();
    for await (const { id, terms } of store.terms()) {
      lexical.upsert(id, terms);
    }
    expect(opened?.lexical.pack()).toEqual(lexical.pack());
    for await (const { id, vector } of store.vectors()) {
      expect(opened?.vector.index.search(vector, 12)).toEqual(index.search(vector, 12));
      expect(opened?.held?.article(id)).toEqual(await store.get(id));
      expect(opened?.held?.terms(id)).toEqual(await store.getTerms(id));
    }
    expect(opened?.held?.has('a7')).toBe(false);
  });

  it('gives the same lists with the vectors built in a worker as on this thread', async () => {
    const store = await filledStore();
    const here = await everyList(await open(remote(store), createFakeSnapshots()));
    const index = folder();
    const { store: counted, calls: reads } = countedServerStore(store);
    const logged: string[] = [];
    const cold = await open(counted, createIndexSnapshots(index), (line) => logged.push(line));
    expect(logged.join('\n')).toMatch(
      /rebuilt 299 vectors .* \(in a worker thread, from the one read/,
    );
    // One read of the store builds the vectors, the lexical index and the held articles.
    expect([reads.get('scan'), reads.get('vectors'), reads.get('terms')]).toEqual([
      1,
      undefined,
      undefined,
    ]);
    expect(reads.get('articles')).toBeUndefined();
    expect(await everyList(cold)).toEqual(here);
    // The worker saved the snapshot the next start loads.
    expect(createIndexSnapshots(index).readMeta()).toMatchObject({ count: 299 });
  });

  it('builds the vectors on this thread when what the worker saved cannot be read', async () => {
    const store = await filledStore();
    const here = await everyList(await open(store, createFakeSnapshots()));
    const unreadable = { ok: false, reason: 'the test reads no snapshot' } as const;
    const snapshots: IndexSnapshots = {
      ...createIndexSnapshots(folder()),
      load: () => unreadable,
      read: async () => unreadable,
    };
    const logged: string[] = [];
    const room = await open(store, snapshots, (line) => logged.push(line));
    expect(await everyList(room)).toEqual(here);
    expect(logged.join('\n')).toMatch(/index: rebuilt 299 vectors .* the test reads no snapshot/);
  });
});
