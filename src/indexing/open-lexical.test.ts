import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import { createLexicalSnapshots, type LexicalSnapshots } from '../lexical/lexical-snapshot.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { buildLexicalIndex, openLexicalIndex } from './open-lexical.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-lexopen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

async function put(store: ArticleStore, id: string, terms: TermWeights): Promise<void> {
  await store.upsertMany([
    {
      article: parseArticle({ id, title: `Title ${id}` }),
      textHash: id,
      vector: Float32Array.of(1, 0),
      terms,
    },
  ]);
}

/** Similarities and candidates of every stored article against every other. */
function answers(index: LexicalIndex, ids: readonly string[]) {
  return ids.map((a) => [
    index.query({ [`w${a}`]: 1, shared: 1 }).candidates(5),
    ...ids.map((b) => index.between(a, b)),
  ]);
}

describe('openLexicalIndex', async () => {
  let store: ArticleStore;
  let snapshots: LexicalSnapshots;
  let lines: string[];
  const deps = () => ({ store, snapshots, log: (line: string) => lines.push(line) });
  const ids = ['a', 'b', 'c', 'd'];

  beforeEach(async () => {
    store = createMemoryStore();
    folders += 1;
    snapshots = createLexicalSnapshots(join(root, `f${folders}`, 'lexical.snapshot'));
    lines = [];
    for (const id of ids.slice(0, 3)) {
      await put(store, id, { [`w${id}`]: 2, shared: 1, [`x${id}`]: 0.5 });
    }
  });

  it('builds from the store and says why when there is no snapshot', async () => {
    const index = await openLexicalIndex(deps());
    expect(index.size()).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(/built 3 articles .* no readable lexical snapshot/),
    ]);
  });

  it('loads the snapshot and catches up the writes made after it was saved', async () => {
    // The process that saved goes on with the same writes: a restart must not change an answer.
    const running = await buildLexicalIndex(store);
    snapshots.save(running, await store.generation());
    await put(store, 'd', { wd: 1, shared: 3 });
    await put(store, 'a', { wa: 1, wb: 1 });
    await store.delete('c');
    running.upsert('d', { wd: 1, shared: 3 });
    running.upsert('a', { wa: 1, wb: 1 });
    running.remove('c');
    const index = await openLexicalIndex(deps());
    expect(lines).toEqual([expect.stringMatching(/loaded snapshot of 3 articles .*caught up 3/)]);
    expect(answers(index, ids)).toEqual(answers(running, ids));
  });

  it('rebuilds when the snapshot is newer than the store', async () => {
    snapshots.save(await buildLexicalIndex(store), (await store.generation()) + 5);
    expect((await openLexicalIndex(deps())).size()).toBe(3);
    expect(lines[0]).toMatch(/newer than the store/);
  });

  it('rebuilds when the change log no longer reaches back', async () => {
    snapshots.save(await buildLexicalIndex(store), await store.generation());
    store = { ...store, changesSince: async () => undefined };
    expect((await openLexicalIndex(deps())).size()).toBe(3);
    expect(lines[0]).toMatch(/change log no longer reaches back/);
  });

  it('rebuilds when the snapshot holds another number of articles than the store', async () => {
    const other = createMemoryStore();
    await put(other, 'z', { wz: 1 });
    snapshots.save(await buildLexicalIndex(other), 0);
    expect(answers(await openLexicalIndex(deps()), ids)).toEqual(
      answers(await buildLexicalIndex(store), ids),
    );
    expect(lines[0]).toMatch(/holds 4 articles and the store 3/);
  });

  it('builds silently without a snapshot folder', async () => {
    expect((await openLexicalIndex({ ...deps(), snapshots: undefined })).size()).toBe(3);
    expect(lines).toEqual([]);
  });
});
