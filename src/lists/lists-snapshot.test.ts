import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createListEntries } from '../recommend/list-entries.js';
import { createInterner, packPool, unpackPool } from '../recommend/pool-codec.js';
import type { RelatedPool } from '../recommend/related-pool.js';
import { createListsSnapshots, readListsSnapshot } from './lists-snapshot.js';

const POOL: RelatedPool = {
  source: { id: 'a1', title: 'Storm floods the harbour', language: 'en', publishedAt: undefined },
  pinned: [{ id: 'a9', score: 0.123456789012345, reasons: [] }],
  items: [
    { id: 'a2', score: 0.9876543210987654, reasons: ['harbour', 'storm', 'überflutung', '洪水'] },
    { id: 'a3', score: 0.5, reasons: ['flood'] },
  ],
  capped: false,
  feedback: ['a2'],
  near: ['a2', 'a3', 'a4'],
};

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function saved(more: readonly RelatedPool[] = []) {
  dir = mkdtempSync(join(tmpdir(), 'morelike-lists-'));
  const file = join(dir, 'index', 'lists.snapshot');
  const interner = createInterner();
  const packed = packPool(POOL, interner);
  const background = { languages: { en: { mean: 0.13, std: 0.24 } }, sampledAt: 40 };
  const lists = [
    { id: 'a1', packed, stats: '40/40' },
    ...more.map((pool) => ({
      id: pool.source.id,
      packed: packPool(pool, interner),
      stats: '40/40',
    })),
  ];
  createListsSnapshots(file).save({ generation: 7, background, strings: interner.strings, lists });
  expect(readFileSync(file).indexOf(10) % 8).toBe(7);
  return file;
}

describe('lists snapshot', () => {
  it('gives back exactly the pools it saved, scores to the last bit', () => {
    const loaded = readListsSnapshot(saved());
    if (typeof loaded === 'string') {
      throw new Error(loaded);
    }
    expect(loaded).toMatchObject({ generation: 7, background: { sampledAt: 40 } });
    const [list] = loaded.lists;
    expect(list?.stats).toBe('40/40');
    expect(unpackPool(list?.packed ?? POOL_PACKED, createInterner(loaded.strings))).toEqual(POOL);
  });

  it('names a corrupt byte when it checks the checksum after loading', async () => {
    const file = saved();
    const bytes = readFileSync(file);
    // A bit of a score: the file still reads, only the checksum can tell.
    const at = bytes.indexOf(10) + 3;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const loaded = readListsSnapshot(file);
    if (typeof loaded === 'string') {
      throw new Error(loaded);
    }
    await expect(loaded.verify?.()).resolves.toMatch(/corrupt/);
  });

  it('passes the checksum of an intact file', async () => {
    const loaded = readListsSnapshot(saved());
    if (typeof loaded === 'string') {
      throw new Error(loaded);
    }
    await expect(loaded.verify?.()).resolves.toBeUndefined();
  });

  it('uses the file in place: every pool is a view of the one buffer read', () => {
    const loaded = readListsSnapshot(saved());
    if (typeof loaded === 'string') {
      throw new Error(loaded);
    }
    const [list] = loaded.lists;
    expect(list?.packed.ints.buffer).toBe(list?.packed.scores.buffer);
  });

  it('finds the restored lists that depend on an article from the loaded bytes', () => {
    const other: RelatedPool = {
      ...POOL,
      source: { ...POOL.source, id: 'b1' },
      pinned: [],
      items: [{ id: 'a3', score: 0.7, reasons: ['storm'] }],
      feedback: [],
      near: ['a3', 'a5'],
    };
    const loaded = readListsSnapshot(saved([other]));
    if (typeof loaded === 'string') {
      throw new Error(loaded);
    }
    const entries = createListEntries(loaded.strings);
    for (const { id, packed, stats } of loaded.lists) {
      entries.restore(id, packed, stats);
    }
    const dependents = (id: string) => [...entries.dependents(id)].sort();
    expect(['a9', 'a2', 'a3', 'a4', 'a5'].map(dependents)).toEqual([
      ['a1'],
      ['a1'],
      ['a1', 'b1'],
      ['a1'],
      ['b1'],
    ]);
    // A reason is not an article the list depends on.
    expect(dependents('storm')).toEqual([]);
    entries.set('b1', { ...other, items: [], near: ['a9'] }, '40/40');
    expect([dependents('a3'), dependents('a9')]).toEqual([['a1'], ['a1', 'b1']]);
  });

  it('reads the same lists off the main thread as it loads on it, and names a missing file', async () => {
    const file = saved();
    const read = await createListsSnapshots(file).read?.();
    const loaded = readListsSnapshot(file);
    if (typeof read === 'string' || typeof loaded === 'string' || read === undefined) {
      throw new Error(String(read));
    }
    expect(read.lists).toEqual(loaded.lists);
    expect([read.generation, read.strings.count]).toEqual([7, loaded.strings.count]);
    await expect(read.verify?.()).resolves.toBeUndefined();
    await expect(createListsSnapshots(join(dir, 'nothing')).read?.()).resolves.toMatch(
      /no readable lists snapshot/,
    );
  });

  it('names a snapshot of an older layout (backgrounds counting stubs and copies) as another format', () => {
    const file = saved();
    const bytes = readFileSync(file).toString('latin1').replace('"version":4', '"version":3');
    writeFileSync(file, Buffer.from(bytes, 'latin1'));
    expect(readListsSnapshot(file)).toMatch(/another format \(version 3\)/);
  });

  it('names a torn file and a missing one', () => {
    const file = saved();
    writeFileSync(file, readFileSync(file).subarray(0, -5));
    expect(readListsSnapshot(file)).toMatch(/truncated or torn/);
    expect(readListsSnapshot(join(dir, 'nothing'))).toMatch(/no readable lists snapshot/);
  });
});

const POOL_PACKED = packPool(POOL, createInterner());
