import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { commitAtomic, writeFileAtomic } from './atomic-file.js';
import { createIndexSnapshots } from './index-snapshot.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-snap-'));
let n = 0;
const freshFolder = () => {
  n += 1;
  return join(root, `snap-${n}`);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

function savedSnapshot(folder: string, count = 30) {
  const snapshots = createIndexSnapshots(folder);
  const index = snapshots.create(8, 16);
  for (let i = 0; i < count; i += 1) {
    index.upsert(`a${i}`, unitVector(i, 8));
  }
  index.remove('a3');
  snapshots.save(index, { generation: 7, modelId: 'm1' });
  return snapshots;
}

describe('index snapshots', () => {
  it('writes nothing when the loaded index is saved unchanged, and saves any change', () => {
    const folder = freshFolder();
    savedSnapshot(folder);
    const files = () => readdirSync(folder).sort();
    const before = files();
    const snapshots = createIndexSnapshots(folder);
    const loaded = snapshots.load();
    if (!loaded.ok) {
      throw new Error(loaded.reason);
    }
    expect(snapshots.save(loaded.index, { generation: 7, modelId: 'm1' }).generation).toBe(7);
    expect(files()).toEqual(before);
    // A rebuilt index (another object) at the same generation is written.
    const rebuilt = snapshots.create(8, 16);
    rebuilt.upsert('r', unitVector(1, 8));
    snapshots.save(rebuilt, { generation: 7, modelId: 'm1' });
    expect(files()).not.toEqual(before);
    const afterRebuild = files();
    // So is a change at a new generation.
    rebuilt.upsert('s', unitVector(2, 8));
    snapshots.save(rebuilt, { generation: 8, modelId: 'm1' });
    expect(files()).not.toEqual(afterRebuild);
    expect(snapshots.readMeta()).toMatchObject({ generation: 8, count: 2 });
  });

  it('keeps the swaps the saving process counted in the meta it loads with', () => {
    const folder = freshFolder();
    const snapshots = createIndexSnapshots(folder);
    const index = snapshots.create(8, 16);
    index.upsert('a', unitVector(1, 8));
    snapshots.save(index, { generation: 3, modelId: 'm1', swaps: 2 });
    const loaded = createIndexSnapshots(folder).load();
    expect(loaded.ok && loaded.meta.swaps).toBe(2);
  });

  it('loads a saved index with its ids, removals and meta', () => {
    const snapshots = savedSnapshot(freshFolder());
    const loaded = snapshots.load();
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) {
      return;
    }
    expect(loaded.meta).toMatchObject({ generation: 7, count: 29, modelId: 'm1', dimensions: 8 });
    expect(loaded.index.size()).toBe(29);
    expect(loaded.index.has('a3')).toBe(false);
    expect(loaded.index.search(unitVector(5, 8), 1)[0]?.id).toBe('a5');
    loaded.index.upsert('new', unitVector(99, 8));
    expect(loaded.index.search(unitVector(99, 8), 1)[0]?.id).toBe('new');
  });

  it('restores every stored vector bit for bit, in the order the ids were first stored', () => {
    const loaded = savedSnapshot(freshFolder()).load();
    if (!loaded.ok) {
      throw new Error(loaded.reason);
    }
    const ids = [...loaded.index.vectors()].map((entry) => entry.id);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => `a${i}`).filter((id) => id !== 'a3'));
    expect(Array.from(loaded.index.vector('a5')?.vector ?? [])).toEqual(
      Array.from(unitVector(5, 8)),
    );
  });

  it('loads without hashing, and its background check reports damaged graph or vectors files', async () => {
    for (const prefix of ['graph-', 'vectors-']) {
      const folder = freshFolder();
      const snapshots = savedSnapshot(folder);
      const sound = snapshots.load();
      expect(sound.ok && (await sound.verify?.())).toBeUndefined();
      const name = readdirSync(folder).find((file) => file.startsWith(prefix)) ?? '';
      const bytes = readFileSync(join(folder, name));
      const at = bytes.length - 3;
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      writeFileSync(join(folder, name), bytes);
      const damaged = snapshots.load();
      expect(damaged.ok).toBe(true);
      expect(damaged.ok && (await damaged.verify?.())).toMatch(/corrupt \(checksum differs\)/);
    }
  });

  it('reads the same index with the graph read off this thread', async () => {
    const snapshots = savedSnapshot(freshFolder());
    const read = await snapshots.read?.();
    const loaded = snapshots.load();
    if (!read?.ok || !loaded.ok) {
      throw new Error('the snapshot did not load');
    }
    expect(read.meta).toEqual(loaded.meta);
    expect([...read.index.vectors()]).toEqual([...loaded.index.vectors()]);
    expect(read.index.search(unitVector(5, 8), 3)).toEqual(
      loaded.index.search(unitVector(5, 8), 3),
    );
    await expect(read.verify?.()).resolves.toBeUndefined();
  });

  it('writes nothing when the index read off this thread is saved unchanged', async () => {
    const folder = freshFolder();
    savedSnapshot(folder);
    const before = readdirSync(folder).sort();
    const snapshots = createIndexSnapshots(folder);
    const read = await snapshots.read?.();
    if (!read?.ok) {
      throw new Error('the snapshot did not load');
    }
    expect(snapshots.save(read.index, { generation: 7, modelId: 'm1' }).generation).toBe(7);
    expect(readdirSync(folder).sort()).toEqual(before);
  });

  it('gives the reason of every damaged part when the graph is read off this thread', async () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    const name = (prefix: string) => readdirSync(folder).find((f) => f.startsWith(prefix)) ?? '';
    const graph = readFileSync(join(folder, name('graph-')));
    // Garbage of the graph's own size: it passes the size check and fails hnswlib's read.
    writeFileSync(join(folder, name('graph-')), Buffer.alloc(graph.length, 0xff));
    const unreadable = await snapshots.read?.();
    expect(unreadable).toMatchObject({ ok: false, reason: expect.stringContaining('graph') });
    expect(unreadable).toEqual(snapshots.load());
    writeFileSync(join(folder, name('graph-')), graph);
    writeFileSync(join(folder, name('labels-')), '[]');
    await expect(snapshots.read?.()).resolves.toEqual({
      ok: false,
      reason: `the labels file ${name('labels-')} is corrupt (checksum differs)`,
    });
    await expect(createIndexSnapshots(freshFolder()).read?.()).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('no readable'),
    });
  });

  it('reports a snapshot of an older format as a reason', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    const pointer = JSON.parse(readFileSync(join(folder, 'current.json'), 'utf8'));
    writeFileSync(join(folder, 'current.json'), JSON.stringify({ ...pointer, version: 1 }));
    expect(snapshots.load()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('older format'),
    });
  });

  it('reports a labels file whose ids were swapped as corrupt, before it is used', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    const name = readdirSync(folder).find((file) => file.startsWith('labels-')) ?? '';
    const text = readFileSync(join(folder, name), 'utf8');
    writeFileSync(
      join(folder, name),
      text.replace('"a1"', '"tmp"').replace('"a2"', '"a1"').replace('"tmp"', '"a2"'),
    );
    expect(snapshots.load()).toEqual({
      ok: false,
      reason: `the labels file ${name} is corrupt (checksum differs)`,
    });
  });

  it('reports a missing snapshot as a reason', () => {
    const loaded = createIndexSnapshots(freshFolder()).load();
    expect(loaded).toMatchObject({ ok: false, reason: expect.stringContaining('no readable') });
    expect(createIndexSnapshots(freshFolder()).readMeta()).toBeUndefined();
  });

  it('reports a corrupt graph file as a reason instead of loading it', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    const graph = readdirSync(folder).find((name) => name.startsWith('graph-')) ?? '';
    writeFileSync(join(folder, graph), 'garbage');
    expect(snapshots.load()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('corrupt'),
    });
  });

  it('reports a corrupt pointer file as a missing snapshot', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    writeFileSync(join(folder, 'current.json'), '{"trunc');
    expect(snapshots.load().ok).toBe(false);
  });

  it('replaces the previous snapshot and keeps no temporary or stale files', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    for (const generation of [8, 9, 10]) {
      const index = snapshots.create(8, 16);
      index.upsert(`g${generation}`, unitVector(generation, 8));
      snapshots.save(index, { generation, modelId: 'm1' });
    }
    expect(snapshots.readMeta()).toMatchObject({ generation: 10, count: 1 });
    const names = readdirSync(folder);
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Old graphs go once they are a minute old (another process may be about to point at one).
    const old = new Date(Date.now() - 120_000);
    for (const name of names) {
      utimesSync(join(folder, name), old, old);
    }
    const index = snapshots.create(8, 16);
    snapshots.save(index, { generation: 11, modelId: 'm1' });
    expect(readdirSync(folder).filter((name) => name.startsWith('graph-'))).toHaveLength(2);
  });

  it('leaves the old file and no temporary file when a write fails half-way', () => {
    const folder = freshFolder();
    mkdirSync(folder);
    const file = join(folder, 'x.json');
    writeFileAtomic(file, 'old');
    expect(() =>
      commitAtomic(file, (temp) => {
        writeFileSync(temp, 'half');
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['x.json']);
  });

  it('keeps serving the old snapshot when a save crashed before swapping the pointer', () => {
    const folder = freshFolder();
    const snapshots = savedSnapshot(folder);
    writeFileSync(join(folder, 'graph-99-crashed.hnsw'), 'partial');
    expect(snapshots.load()).toMatchObject({ ok: true, meta: { generation: 7 } });
  });
});
