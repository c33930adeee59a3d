import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { isHnswIndex } from './hnsw-index.js';
import { createIndexSnapshots } from './index-snapshot.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-snapfiles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A folder with one saved snapshot of three vectors. */
function savedFolder() {
  n += 1;
  const folder = join(root, `snap-${n}`);
  const snapshots = createIndexSnapshots(folder);
  const index = snapshots.create(8, 16);
  for (let i = 0; i < 3; i += 1) {
    index.upsert(`a${i}`, unitVector(i, 8));
  }
  snapshots.save(index, { generation: 1, modelId: 'm1' });
  return { folder, snapshots, index, names: readdirSync(folder).sort() };
}

/** A pid no process has (above the kernel's largest). */
const DEAD = 4_194_399;

describe('snapshot files left behind', () => {
  it('removes at start what failed saves of dead processes left, and keeps the snapshot', () => {
    const { folder, snapshots, names } = savedFolder();
    const orphans = [
      `.graph-2-abc-${DEAD}.hnsw.${DEAD}.1764000000000.tmp`,
      `graph-2-abc-${DEAD}.hnsw`,
      `labels-2-abc-${DEAD}.json`,
    ];
    for (const name of orphans) {
      writeFileSync(join(folder, name), name.startsWith('graph') ? 'x'.repeat(2048) : '');
    }
    expect(snapshots.removeOrphans?.().sort()).toEqual([...orphans].sort());
    expect(readdirSync(folder).sort()).toEqual(names);
    expect(snapshots.load().ok).toBe(true);
  });

  it("keeps a live process's recent files (it may be about to point at them) until they are old", () => {
    const { folder, snapshots } = savedFolder();
    const live = `graph-2-abc-${process.ppid}.hnsw`;
    writeFileSync(join(folder, live), 'partial');
    expect(snapshots.removeOrphans?.()).toEqual([]);
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(folder, live), old, old);
    expect(snapshots.removeOrphans?.()).toEqual([live]);
  });

  it('removes what a failed save wrote and keeps the previous snapshot current', () => {
    const { folder, snapshots, index, names } = savedFolder();
    if (!isHnswIndex(index)) {
      throw new Error('expected an HNSW index');
    }
    const labels = index.labels();
    const vectors = index.packVectors(labels);
    // The graph is written, then the labels cannot be (as on a full disk).
    Object.assign(index, {
      labels: () => ({
        toJSON() {
          throw new Error('ENOSPC: no space left on device, write');
        },
      }),
      packVectors: () => vectors,
    });
    expect(() => snapshots.save(index, { generation: 2, modelId: 'm1' })).toThrow(
      expect.objectContaining({ code: 'STORAGE_FAILED' }),
    );
    expect(readdirSync(folder).sort()).toEqual(names);
    expect(snapshots.load()).toMatchObject({ ok: true, meta: { generation: 1 } });
  });
});
