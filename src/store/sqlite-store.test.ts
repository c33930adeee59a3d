import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  all,
  describeArticleStoreContract,
  eventually,
  record,
} from '../../test/helpers/article-store-contract.js';
import { createSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-store-'));
let n = 0;
const freshDir = () => {
  n += 1;
  return join(root, `store-${n}`);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

let lastDir = '';
describeArticleStoreContract(
  'SQLite store',
  () => {
    lastDir = freshDir();
    return createSqliteStore({ dataDir: lastDir });
  },
  () => createSqliteStore({ dataDir: lastDir }),
);

describe('SQLite store', () => {
  it('keeps articles, vectors, model and generation across reopen', async () => {
    const dataDir = freshDir();
    const first = createSqliteStore({ dataDir });
    await first.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    await first.upsertMany([record('a'), record('b')]);
    const generation = await first.generation();
    await first.close();
    const second = createSqliteStore({ dataDir });
    expect(await second.count()).toBe(2);
    expect(await second.vectorModel()).toEqual({ modelId: 'm1', dimensions: 4 });
    expect(await second.generation()).toBe(generation);
    expect(Array.from((await second.getVector('a')) ?? [])).toEqual([1, 1, 0.5, -1]);
    await second.close();
  });

  it('fills the headers of a store written before they were kept apart, and keeps them in step', async () => {
    const dataDir = freshDir();
    const first = createSqliteStore({ dataDir });
    await first.upsertMany([record('a'), record('b'), record('c')]);
    await first.close();
    const raw = new Database(join(dataDir, 'morelike.sqlite'));
    raw.exec('DELETE FROM headers');
    raw.close();
    const second = createSqliteStore({ dataDir });
    expect([...(await second.getHeaders(['a', 'b', 'c'])).keys()].sort()).toEqual(['a', 'b', 'c']);
    await second.upsertMany([
      { ...record('a'), article: { ...record('a').article, title: 'New' } },
    ]);
    await second.delete('b');
    const headers = await second.getHeaders(['a', 'b', 'c']);
    expect(headers.get('a')?.title).toBe('New');
    expect(headers.has('b')).toBe(false);
    await second.close();
  });

  it('sees writes of another connection to the same data folder', async () => {
    const dataDir = freshDir();
    const server = createSqliteStore({ dataDir });
    const cli = createSqliteStore({ dataDir });
    await cli.upsertMany([record('a')]);
    expect((await server.get('a'))?.id).toBe('a');
    expect((await server.changesSince(0))?.articleIds).toEqual(['a']);
    await server.close();
    await cli.close();
  });

  it('tells onChange listeners of a write by another store on the same file within a second', async () => {
    const dataDir = freshDir();
    const server = createSqliteStore({ dataDir });
    const cli = createSqliteStore({ dataDir });
    let told = 0;
    const stop = server.onChange(() => {
      told += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(told).toBe(0);
    const started = Date.now();
    await cli.upsertMany([record('a')]);
    await eventually(() => told > 0, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    stop();
    await server.close();
    await cli.close();
  });

  it('iterates past one page while the same connection writes between pages', async () => {
    const store = createSqliteStore({ dataDir: freshDir() });
    const records = Array.from({ length: 600 }, (_, i) => record(`a${i}`));
    await store.upsertMany(records);
    const seen: string[] = [];
    for await (const { id } of store.vectors()) {
      seen.push(id);
      if (seen.length === 300) {
        await store.setOverrides('a0', { pinned: [], blocked: ['a1'] });
      }
    }
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
    expect(await all(store.overrides())).toHaveLength(1);
    await store.close();
  });

  it('throws STORAGE_FAILED naming the path when the data folder cannot be created', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => createSqliteStore({ dataDir: join(file, 'data') })).toThrow(
      expect.objectContaining({ code: 'STORAGE_FAILED', detail: expect.stringContaining(file) }),
    );
  });
});
