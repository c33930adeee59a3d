/**
 * IndexSnapshots over a folder (`<dataDir>/index`): each save writes a new graph file, a labels
 * file and a vectors file (the stored vectors, raw float32 in label order), then atomically
 * replaces `current.json`, which names them and holds the meta (generation, count, model,
 * dimensions) and the SHA-256 of graph, labels and vectors. A reader sees the old snapshot or the
 * new one, never a mix; a checksum mismatch or a missing file is reported as a reason, never a
 * crash. A failed save removes what it wrote; `removeOrphans` clears what crashed saves left,
 * and the files of earlier snapshots a save keeps for a reader that may still be loading them.
 * A save of the very index object this folder last loaded or saved, at the same generation, is
 * skipped while `current.json` still names that snapshot: the same state is on disk already (a
 * restart that changed nothing writes nothing; a rebuilt index is a new object and is saved).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { commitAtomic, writeFileAtomic } from './atomic-file.js';
import { createHnswIndex, type HnswIndex, isHnswIndex } from './hnsw-index.js';
import type { IndexSnapshots, SnapshotLoad, SnapshotMeta } from './persistent-index.js';
import { removeFailedSave, removeOrphans } from './snapshot-files.js';
import {
  loadSnapshot,
  type Pointer,
  readSnapshot,
  SNAPSHOT_FORMAT,
  sha256Of,
} from './snapshot-load.js';

const POINTER = 'current.json';

/** Snapshots kept in `folder` (created on first save). */
export function createIndexSnapshots(folder: string): IndexSnapshots {
  const readPointer = (): Pointer | undefined => {
    try {
      return JSON.parse(readFileSync(join(folder, POINTER), 'utf8')) as Pointer;
    } catch {
      return undefined;
    }
  };
  let known: { index: object; graph: string; meta: SnapshotMeta } | undefined;
  const remember = (index: object, pointer: Pointer | undefined) => {
    known = pointer ? { index, graph: pointer.graph, meta: pointer.meta } : undefined;
  };
  const remembered = (loaded: SnapshotLoad, pointer: Pointer | undefined) => {
    if (loaded.ok) {
      remember(loaded.index, pointer);
    }
    return loaded;
  };
  return {
    folder,
    create: (dimensions, capacity) => createHnswIndex(dimensions, capacity),
    readMeta: () => readPointer()?.meta,
    load: () => {
      const pointer = readPointer();
      return remembered(loadSnapshot(folder, pointer), pointer);
    },
    read: async () => {
      const pointer = readPointer();
      return remembered(await readSnapshot(folder, pointer), pointer);
    },
    removeOrphans: () => removeOrphans(folder, namesOf([readPointer()])),
    save(index, info) {
      if (!isHnswIndex(index)) {
        throw new AppError('INTERNAL_ERROR', 'Only an HNSW index can be saved as a snapshot');
      }
      const previous = readPointer();
      if (
        known?.index === index &&
        known.meta.generation === info.generation &&
        known.meta.modelId === info.modelId &&
        (known.meta.swaps ?? 0) === (info.swaps ?? 0) &&
        known.meta.count === index.size() &&
        previous?.graph === known.graph
      ) {
        return known.meta;
      }
      const meta: SnapshotMeta = {
        generation: info.generation,
        count: index.size(),
        modelId: info.modelId,
        dimensions: index.dimensions,
        savedAt: new Date().toISOString(),
        ...(info.swaps ? { swaps: info.swaps } : {}),
      };
      const stem = `${info.generation}-${Date.now().toString(36)}-${process.pid}`;
      const names = {
        graph: `graph-${stem}.hnsw`,
        labels: `labels-${stem}.json`,
        vectors: `vectors-${stem}.f32`,
      };
      try {
        mkdirSync(folder, { recursive: true });
        writeSnapshot(folder, index, names, meta);
        remember(index, readPointer());
        removeOrphans(folder, namesOf([readPointer(), previous]));
      } catch (error) {
        // What this save wrote is no use to anyone unless the pointer names it.
        removeFailedSave(folder, Object.values(names), namesOf([readPointer()]));
        throw new AppError('STORAGE_FAILED', `Cannot write the index snapshot in ${folder}`, {
          cause: error,
        });
      }
      return meta;
    },
  };
}

/** Writes the graph, labels and vectors files of `index` under `names`, then the pointer. */
function writeSnapshot(
  folder: string,
  index: HnswIndex,
  names: Pick<Pointer, 'graph' | 'labels' | 'vectors'>,
  meta: SnapshotMeta,
): void {
  const labels = index.labels();
  const vectors = index.packVectors(labels);
  const vectorBytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  const labelsText = JSON.stringify(labels);
  commitAtomic(join(folder, names.graph), (temp) => index.writeGraph(temp));
  writeFileAtomic(join(folder, names.labels), labelsText);
  writeFileAtomic(join(folder, names.vectors), vectorBytes);
  const graph = readFileSync(join(folder, names.graph));
  const pointer: Pointer = {
    version: SNAPSHOT_FORMAT,
    ...names,
    graphBytes: graph.byteLength,
    sha256: sha256Of(graph),
    labelsSha256: sha256Of(labelsText),
    vectorsSha256: sha256Of(vectorBytes),
    meta,
  };
  writeFileAtomic(join(folder, POINTER), JSON.stringify(pointer));
}

/** The file names `pointers` reference, and the pointer file itself. */
function namesOf(pointers: readonly (Pointer | undefined)[]): Set<string> {
  return new Set(pointers.flatMap((p) => (p ? [p.graph, p.labels, p.vectors] : [])));
}
