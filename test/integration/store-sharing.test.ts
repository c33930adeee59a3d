/**
 * One data folder, two processes' worth of services (a server and a CLI), over the real SQLite
 * store and HNSW snapshots: what one writes, the other answers from; a restart loads the
 * snapshot, catches it up, or rebuilds it from the store when it is missing or corrupt.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { dataFolders } from '../helpers/data-folders.js';

const folders = dataFolders('morelike-share-');
afterAll(() => folders.remove());
const { open, freshDir, indexedFolder, articles } = folders;

describe('materialised lists across restarts', () => {
  it('answers every list from the lists snapshot after a restart, computing none', async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    await first.ingest.upsert(articles(0, 60));
    await first.lists.idle();
    const before = new Map<string, unknown>();
    for (const { id } of articles(0, 60)) {
      before.set(id, await first.related.forArticle(id));
    }
    await first.close();
    const lines: string[] = [];
    const restarted = await open(dataDir, lines);
    expect(lines.join('\n')).toMatch(/lists: loaded 60 lists/);
    for (const { id } of articles(0, 60)) {
      expect(await restarted.related.forArticle(id)).toEqual(before.get(id));
    }
    await restarted.lists.idle();
    expect(restarted.lists.progress().computed).toBe(0);
    await restarted.close();
  });

  it('catches saved lists up with writes made while the server was down', async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    await first.ingest.upsert(articles(0, 60));
    await first.lists.idle();
    const shown = (await first.related.forArticle('gen-5')).items.map((i) => i.id);
    expect(shown.length).toBeGreaterThan(0);
    await first.close();
    const cli = await open(dataDir);
    await cli.ingest.remove(shown[0] ?? '');
    const follow = {
      id: 'gen-5-again',
      title: 'storm flood harbour report update',
      body: 'The rain and the storm met the sea near the wall. Harbour flood update.',
    };
    await cli.ingest.upsert([parseArticle(follow)]);
    cli.lists.stop();
    await cli.store.close();
    const restarted = await open(dataDir);
    const after = (await restarted.related.forArticle('gen-5', { limit: 10 })).items.map(
      (i) => i.id,
    );
    expect(after).not.toContain(shown[0]);
    expect(after).toContain('gen-5-again');
    // Only the lists the two writes could change were computed, not all 60.
    expect(restarted.lists.progress().computed).toBeLessThan(30);
    await restarted.close();
  });
});

describe('CLI and server sharing one data folder', () => {
  // The contract: another process's writes show within a second (the store tells the server's
  // indexing room of a write within 100 ms, so a page view costs no database read).
  it('answers from articles another process stored, and never from ones it deleted, within 1 s', async () => {
    const dataDir = freshDir();
    const server = await open(dataDir);
    const cli = await open(dataDir);
    await cli.ingest.upsert(articles(0, 40));
    await expect.poll(() => server.index.size(), { timeout: 1000, interval: 20 }).toBe(40);
    const list = await server.related.forArticle('gen-5', { limit: 5, minScore: 0 });
    expect(list.items.length).toBeGreaterThan(0);
    await cli.ingest.remove('gen-10');
    const shown = async () =>
      (await server.related.forArticle('gen-5', { limit: 50, minScore: 0 })).items.map((i) => i.id);
    await expect.poll(shown, { timeout: 1000, interval: 20 }).not.toContain('gen-10');
    expect(server.index.has('gen-10')).toBe(false);
    await cli.close();
    await server.close();
  });

  it('loads the snapshot on restart when it matches the store', async () => {
    const dataDir = await indexedFolder(30);
    const lines: string[] = [];
    const second = await open(dataDir, lines);
    expect(second.index.size()).toBe(30);
    expect(lines.join('\n')).toMatch(/loaded snapshot of 30 vectors/);
    await second.close();
  });

  it('catches the snapshot up with writes made after it without a rebuild', async () => {
    const dataDir = freshDir();
    const cli = await open(dataDir);
    await cli.ingest.upsert(articles(0, 30));
    await cli.close();
    const server = await open(dataDir);
    await server.ingest.upsert(articles(30, 5));
    // The server is killed: no close, no new snapshot; the store already holds its writes.
    server.lists.stop();
    await server.store.close();
    const lines: string[] = [];
    const restarted = await open(dataDir, lines);
    expect(restarted.index.size()).toBe(35);
    expect(lines.join('\n')).toMatch(
      /loaded snapshot of 30 vectors .*caught up 1 later store writes/,
    );
    await restarted.close();
  });

  it('rebuilds from the stored vectors, and says why, when the snapshot is corrupt', async () => {
    const dataDir = await indexedFolder(25);
    const folder = join(dataDir, 'index');
    for (const name of readdirSync(folder).filter((f) => f.startsWith('graph-'))) {
      writeFileSync(join(folder, name), 'not a graph');
    }
    const lines: string[] = [];
    const second = await open(dataDir, lines);
    expect(second.index.size()).toBe(25);
    expect(lines.join('\n')).toMatch(/rebuilt 25 vectors from the store .* because .*corrupt/);
    await second.close();
  });

  it('serves from a damaged snapshot of the right size only until its background check swaps in a rebuild', async () => {
    const dataDir = await indexedFolder(25);
    const folder = join(dataDir, 'index');
    for (const name of readdirSync(folder).filter((f) => f.startsWith('vectors-'))) {
      const bytes = readFileSync(join(folder, name));
      bytes.fill(0, 0, 64);
      writeFileSync(join(folder, name), bytes);
    }
    const lines: string[] = [];
    const second = await open(dataDir, lines);
    expect(lines.join('\n')).toMatch(/loaded snapshot of 25 vectors/);
    await expect.poll(() => lines.join('\n')).toMatch(/corrupt \(checksum differs\); rebuilding/);
    expect(lines.at(-1)).toMatch(/rebuilt 25 vectors from the store/);
    const stored = createSqliteStore({ dataDir });
    const id = articles(0, 1)[0]?.id ?? '';
    expect(Array.from(second.index.vector(id)?.vector ?? [])).toEqual(
      Array.from((await stored.getVector(id)) ?? []),
    );
    await stored.close();
    await second.close();
  });

  it('rebuilds when the snapshot is missing', async () => {
    const dataDir = await indexedFolder(10);
    rmSync(join(dataDir, 'index'), { recursive: true });
    const lines: string[] = [];
    const second = await open(dataDir, lines);
    expect(second.index.size()).toBe(10);
    expect(lines.join('\n')).toMatch(/rebuilt 10 vectors .* because no readable snapshot/);
    await second.close();
  });

  it('refuses to start with another model and names reindex --full', async () => {
    const dataDir = await indexedFolder(3);
    await expect(open(dataDir, [], 8)).rejects.toThrow(
      expect.objectContaining({
        code: 'MODEL_MISMATCH',
        detail: expect.stringContaining('morelike reindex --full'),
      }),
    );
  });
});
