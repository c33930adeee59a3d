import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeArticleStoreContract, record } from '../../test/helpers/article-store-contract.js';
import { createSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-store-'));
let n = 0;
const freshDir = () => {
  n += 1;
  return join(root, `store-${n}`);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeArticleStoreContract('SQLite store', () => createSqliteStore({ dataDir: freshDir() }));

describe('SQLite store', () => {
  it('keeps articles, vectors, model and generation across reopen', () => {
    const dataDir = freshDir();
    const first = createSqliteStore({ dataDir });
    first.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    first.upsertMany([record('a'), record('b')]);
    const generation = first.generation();
    first.close();
    const second = createSqliteStore({ dataDir });
    expect(second.count()).toBe(2);
    expect(second.vectorModel()).toEqual({ modelId: 'm1', dimensions: 4 });
    expect(second.generation()).toBe(generation);
    expect(Array.from(second.getVector('a') ?? [])).toEqual([1, 1, 0.5, -1]);
    second.close();
  });

  it('fills the headers of a store written before they were kept apart, and keeps them in step', () => {
    const dataDir = freshDir();
    const first = createSqliteStore({ dataDir });
    first.upsertMany([record('a'), record('b'), record('c')]);
    first.close();
    const raw = new Database(join(dataDir, 'morelike.sqlite'));
    raw.exec('DELETE FROM headers');
    raw.close();
    const second = createSqliteStore({ dataDir });
    expect([...second.getHeaders(['a', 'b', 'c']).keys()].sort()).toEqual(['a', 'b', 'c']);
    second.upsertMany([{ ...record('a'), article: { ...record('a').article, title: 'New' } }]);
    second.delete('b');
    const headers = second.getHeaders(['a', 'b', 'c']);
    expect(headers.get('a')?.title).toBe('New');
    expect(headers.has('b')).toBe(false);
    second.close();
  });

  it('sees writes of another connection to the same data folder', () => {
    const dataDir = freshDir();
    const server = createSqliteStore({ dataDir });
    const cli = createSqliteStore({ dataDir });
    cli.upsertMany([record('a')]);
    expect(server.get('a')?.id).toBe('a');
    expect(server.changesSince(0)?.articleIds).toEqual(['a']);
    server.close();
    cli.close();
  });

  it('throws STORAGE_FAILED naming the path when the data folder cannot be created', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => createSqliteStore({ dataDir: join(file, 'data') })).toThrow(
      expect.objectContaining({ code: 'STORAGE_FAILED', detail: expect.stringContaining(file) }),
    );
  });
});
