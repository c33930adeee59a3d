/**
 * An in-memory IndexSnapshots over ExactIndex, for unit tests of the index lifecycle: "saving"
 * copies the vectors, "loading" returns a fresh copy, and a test can break it on purpose.
 */
import type { ListsSnapshots, SavedLists } from '../../src/recommend/materialised-lists.js';
import { stringTable } from '../../src/recommend/pool-codec.js';
import { createExactIndex } from '../../src/vector-index/exact-index.js';
import type {
  IndexSnapshots,
  SnapshotLoad,
  SnapshotMeta,
} from '../../src/vector-index/persistent-index.js';
import type { VectorIndex } from '../../src/vector-index/vector-index.js';

export interface FakeSnapshots extends IndexSnapshots {
  /** Makes the next loads fail with `reason` (a corrupt file). */
  corrupt(reason: string): void;
  saves: number;
}

/** Creates an empty fake snapshot folder. */
export function createFakeSnapshots(): FakeSnapshots {
  let saved: { meta: SnapshotMeta; vectors: Map<string, Float32Array> } | undefined;
  let broken: string | undefined;
  const contents = new WeakMap<VectorIndex, Map<string, Float32Array>>();
  const create = (dimensions: number): VectorIndex => {
    const inner = createExactIndex(dimensions);
    const vectors = new Map<string, Float32Array>();
    const index: VectorIndex = {
      ...inner,
      upsert(id, vector) {
        inner.upsert(id, vector);
        vectors.set(id, Float32Array.from(vector));
      },
      remove(id) {
        vectors.delete(id);
        return inner.remove(id);
      },
    };
    contents.set(index, vectors);
    return index;
  };
  const copy = (vectors: Map<string, Float32Array>, dimensions: number): VectorIndex => {
    const index = create(dimensions);
    for (const [id, vector] of vectors) {
      index.upsert(id, vector);
    }
    return index;
  };
  const fake: FakeSnapshots = {
    saves: 0,
    corrupt(reason) {
      broken = reason;
    },
    create: (dimensions) => create(dimensions),
    readMeta: () => saved?.meta,
    load(): SnapshotLoad {
      if (broken) {
        return { ok: false, reason: broken };
      }
      if (!saved) {
        return { ok: false, reason: 'no readable snapshot' };
      }
      return { ok: true, index: copy(saved.vectors, saved.meta.dimensions), meta: saved.meta };
    },
    save(index, info) {
      const vectors = new Map(contents.get(index));
      const meta: SnapshotMeta = {
        ...info,
        count: index.size(),
        dimensions: index.dimensions,
        savedAt: new Date(0).toISOString(),
      };
      saved = { meta, vectors };
      fake.saves += 1;
      return meta;
    },
  };
  return fake;
}

/**
 * An in-memory lists snapshot: "saving" keeps a deep copy (the interned strings as an array),
 * "loading" returns a copy of it.
 */
export function createMemoryListsSnapshots(): ListsSnapshots & { saves: number } {
  let saved: (Omit<SavedLists, 'strings'> & { strings: string[] }) | undefined;
  return {
    saves: 0,
    load() {
      if (!saved) {
        return 'no lists saved yet';
      }
      const copy = structuredClone(saved);
      return { ...copy, strings: stringTable(copy.strings) };
    },
    save(lists) {
      const { strings, ...rest } = lists;
      const texts = Array.from({ length: strings.count }, (_, n) => strings.text(n));
      saved = structuredClone({ ...rest, strings: texts });
      this.saves += 1;
    },
  };
}
