import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { countedServerStore } from '../../test/helpers/server-store.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { analyzeArticle } from '../lexical/analyze.js';
import type { ArticleStore, ScanOptions } from '../store/article-store.js';
import { createMemoryCore } from '../store/memory-store.js';
import { asyncStore, type SyncArticleStore } from '../store/sync-store.js';
import { savePlan } from './held-load.js';
import {
  createHeldSnapshots,
  readHeldSnapshot,
  readHeldSnapshotOffThread,
} from './held-snapshot.js';
import { writeHeldPlan } from './held-write.js';
import { type Indexing, openIndexing } from './indexing.js';

const corpus = createStoryCorpus(5);
const articles = Array.from({ length: 30 }, (_, i) => corpus.article(`a${i}`, i % 6));
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
  const made = mkdtempSync(join(tmpdir(), 'morelike-held-'));
  folders.push(made);
  return made;
}

/** A store over `core` as a database server would be (no local reads), calls counted by name. */
const serverStore = (core: SyncArticleStore) =>
  countedServerStore(asyncStore(core, 20), (method, args) =>
    method === 'scan' && (args[0] as ScanOptions).articles ? 'scan of articles' : method,
  );

async function open(
  store: ArticleStore,
  file: string,
  snapshots = createFakeSnapshots(),
): Promise<Indexing> {
  await store.claimVectorModel(MODEL);
  const room = await openIndexing({
    store,
    model: MODEL,
    embedder,
    analyze: analyzeArticle,
    snapshots,
    heldSnapshots: createHeldSnapshots(file),
    log: () => {},
  });
  rooms.push(room);
  return room;
}

describe('the held articles snapshot', () => {
  it('starts a room without reading every article again, caught up with writes since', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20), join(folder(), 'unused'));
    await writer.ingest.upsert(articles);
    const file = join(folder(), 'held.snapshot');
    // The vector snapshot beside it, as in a data folder (without one, a start reads the store).
    const snapshots = createFakeSnapshots();
    const first = await open(serverStore(core).store, file, snapshots);
    await first.close();
    expect(readHeldSnapshot(file).ok).toBe(true);

    const changed = { ...(articles[5] as (typeof articles)[number]), title: 'A new headline' };
    await writer.ingest.upsert([changed]);
    await writer.ingest.remove('a3');
    const { store, calls } = serverStore(core);
    const room = await open(store, file, snapshots);
    expect(calls.get('articles') ?? 0).toBe(0);
    expect(calls.get('scan of articles') ?? 0).toBe(0);
    expect(room.articles.get('a5')?.title).toBe('A new headline');
    expect(room.articles.get('a3')).toBeUndefined();
    expect(room.articles.get('a7')).toEqual(await store.get('a7'));
    expect(room.articles.getTerms('a7')).toEqual(await store.getTerms('a7'));
    const list = await room.lists.forArticle('a0', { limit: 10, minScore: 0 });
    expect(list.items.map((i) => i.id)).not.toContain('a3');
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('is saved again with what changed, and reads back the same articles', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20), join(folder(), 'unused'));
    await writer.ingest.upsert(articles.slice(0, 10));
    const file = join(folder(), 'held.snapshot');
    await (await open(serverStore(core).store, file)).close();
    await writer.ingest.upsert(articles.slice(10, 12));
    await writer.ingest.remove('a0');
    await (await open(serverStore(core).store, file)).close();
    const loaded = readHeldSnapshot(file);
    if (!loaded.ok) {
      throw new Error(loaded.reason);
    }
    const ids = [...loaded.packed.entries()].map(([id]) => id).sort();
    expect(ids).toEqual(
      articles
        .slice(1, 12)
        .map((a) => a.id)
        .sort(),
    );
    expect(loaded.packed.article('a11')).toEqual(await asyncStore(core).get('a11'));
  });

  it('reads the store instead when the snapshot is damaged, torn or of a later store state', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20), join(folder(), 'unused'));
    await writer.ingest.upsert(articles.slice(0, 8));
    const file = join(folder(), 'held.snapshot');
    await (await open(serverStore(core).store, file)).close();
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 3] = (flipped[bytes.length - 3] ?? 0) ^ 0xff;
    writeFileSync(file, flipped);
    expect(readHeldSnapshot(file)).toMatchObject({ ok: false, reason: /corrupt/ });
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(readHeldSnapshot(file)).toMatchObject({ ok: false });

    await writer.ingest.upsert(articles.slice(8, 9));
    const { store, calls } = serverStore(core);
    const room = await open(store, file);
    expect(calls.get('scan of articles')).toBe(1);
    expect(room.articles.get('a2')).toEqual(await store.get('a2'));
    // A snapshot of a later state (the store was restored from an older backup) is not used.
    await room.close();
    const later = createMemoryCore();
    await open(asyncStore(later, 20), join(folder(), 'unused')).then((w) =>
      w.ingest.upsert(articles.slice(0, 2)),
    );
    const restored = serverStore(later);
    const other = await open(restored.store, file);
    expect(restored.calls.get('scan of articles')).toBe(1);
    expect(other.articles.get('a5')).toBeUndefined();
  });

  it('reads the same articles in a thread of its own, and the same reasons', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20), join(folder(), 'unused'));
    await writer.ingest.upsert(articles);
    const file = join(folder(), 'held.snapshot');
    await (await open(serverStore(core).store, file)).close();
    const here = readHeldSnapshot(file);
    const there = await readHeldSnapshotOffThread(file);
    if (!here.ok || !there.ok) {
      throw new Error('the snapshot was not read');
    }
    expect(there.packed.generation).toBe(here.packed.generation);
    const ids = [...here.packed.entries()].map(([id]) => id);
    expect([...there.packed.entries()].map(([id]) => id)).toEqual(ids);
    for (const id of ids) {
      expect(there.packed.article(id)).toEqual(await asyncStore(core).get(id));
      expect(there.packed.terms(id)).toEqual(here.packed.terms(id));
    }
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(await readHeldSnapshotOffThread(file)).toEqual(readHeldSnapshot(file));
    expect(await readHeldSnapshotOffThread(join(folder(), 'absent'))).toMatchObject({ ok: false });
  });

  it('saves in a thread of its own the same bytes as on this thread, kept records copied', async () => {
    const core = createMemoryCore();
    const writer = await open(asyncStore(core, 20), join(folder(), 'unused'));
    await writer.ingest.upsert(articles.slice(0, 12));
    const file = join(folder(), 'held.snapshot');
    await (await open(serverStore(core).store, file)).close();
    const loaded = readHeldSnapshot(file);
    if (!loaded.ok) {
      throw new Error(loaded.reason);
    }
    const { packed } = loaded;
    const changed = new Map([
      ['a4', { ...(articles[4] as (typeof articles)[number]), title: 'New' }],
    ]);
    const plan = savePlan(changed, new Map([['a4', { new: 1 }]]), packed, new Set(['a7']));
    expect(plan.count).toBe(11);
    // a4 and a7 cut the kept records into three runs.
    expect(plan.kept.length).toBe(6);
    const here = join(folder(), 'here.snapshot');
    writeHeldPlan(here, plan, 99);
    const there = join(folder(), 'there.snapshot');
    await createHeldSnapshots(there).save(plan, 99);
    expect(readFileSync(there).equals(readFileSync(here))).toBe(true);
    const saved = readHeldSnapshot(there);
    if (!saved.ok) {
      throw new Error(saved.reason);
    }
    expect(saved.packed.generation).toBe(99);
    expect(saved.packed.article('a4')?.title).toBe('New');
    expect(saved.packed.terms('a4')).toEqual({ new: 1 });
    expect(saved.packed.has('a7')).toBe(false);
    expect(saved.packed.article('a9')).toEqual(packed.article('a9'));
  });
});
