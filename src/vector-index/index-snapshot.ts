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
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { commitAtomic, writeFileAtomic } from './atomic-file.js';
import { createHnswIndex, type HnswIndex, isHnswIndex, readHnswIndex } from './hnsw-index.js';
import { isLabelMapState } from './label-map.js';
import type { IndexSnapshots, SnapshotLoad, SnapshotMeta } from './persistent-index.js';
import { removeFailedSave, removeOrphans } from './snapshot-files.js';

const POINTER = 'current.json';

/** Format of `current.json` and the files it names; other versions are rebuilt, not read. */
const FORMAT = 3;

interface Pointer {
  readonly version: typeof FORMAT;
  readonly graph: string;
  readonly labels: string;
  readonly vectors: string;
  /** Size and SHA-256 of the graph file, then SHA-256 of the labels and vectors files. */
  readonly graphBytes: number;
  readonly sha256: string;
  readonly labelsSha256: string;
  readonly vectorsSha256: string;
  readonly meta: SnapshotMeta;
}

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
  return {
    create: (dimensions, capacity) => createHnswIndex(dimensions, capacity),
    readMeta: () => readPointer()?.meta,
    load: () => {
      const pointer = readPointer();
      const loaded = loadSnapshot(folder, pointer);
      if (loaded.ok) {
        remember(loaded.index, pointer);
      }
      return loaded;
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
    version: FORMAT,
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

/**
 * Loads the snapshot after cheap checks (format, sizes, labels); the checksums of the graph and
 * vectors files, which cost a full read and hash of both, are left to `verify` so that start-up
 * does not wait for them (the caller runs it in the background and rebuilds on a mismatch).
 * Files are replaced atomically after an fsync, so a torn write cannot happen; the checksums
 * catch later damage.
 */
function loadSnapshot(folder: string, pointer: Pointer | undefined): SnapshotLoad {
  if (!pointer) {
    return { ok: false, reason: `no readable snapshot in ${folder}` };
  }
  if (pointer.version !== FORMAT || typeof pointer.graphBytes !== 'number') {
    return { ok: false, reason: `the snapshot is in an older format (${pointer.version})` };
  }
  const graphFile = join(folder, pointer.graph);
  let labels: unknown;
  let labelsText: string;
  let vectors: Float32Array;
  try {
    if (statSync(graphFile).size !== pointer.graphBytes) {
      return { ok: false, reason: `the graph file ${pointer.graph} is corrupt (size differs)` };
    }
    const bytes = readFileSync(join(folder, pointer.vectors));
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
    vectors = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
    labelsText = readFileSync(join(folder, pointer.labels), 'utf8');
    labels = JSON.parse(labelsText);
  } catch (error) {
    return { ok: false, reason: `the snapshot files are unreadable (${describe(error)})` };
  }
  // Read whole anyway, so checked at once: swapped ids would swap two articles' vectors.
  if (sha256Of(labelsText) !== pointer.labelsSha256) {
    return { ok: false, reason: `the labels file ${pointer.labels} is corrupt (checksum differs)` };
  }
  if (!isLabelMapState(labels)) {
    return { ok: false, reason: `the labels file ${pointer.labels} is malformed` };
  }
  try {
    const index = readHnswIndex(graphFile, pointer.meta.dimensions, labels, vectors);
    return { ok: true, index, meta: pointer.meta, verify: () => verifyFiles(folder, pointer) };
  } catch (error) {
    return { ok: false, reason: `the graph could not be read (${describe(error)})` };
  }
}

/** The reason the snapshot's files fail their checksums, or undefined when they pass. */
async function verifyFiles(folder: string, pointer: Pointer): Promise<string | undefined> {
  const checks = [
    { file: pointer.graph, sha256: pointer.sha256 },
    { file: pointer.vectors, sha256: pointer.vectorsSha256 },
  ];
  for (const { file, sha256 } of checks) {
    const hash = createHash('sha256');
    try {
      await pipeline(createReadStream(join(folder, file)), hash);
    } catch (error) {
      // A newer snapshot may have replaced this one meanwhile: nothing left to check.
      const gone = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return gone ? undefined : `the snapshot file ${file} is unreadable (${describe(error)})`;
    }
    if (hash.digest('hex') !== sha256) {
      return `the ${file.split('-')[0]} file ${file} is corrupt (checksum differs)`;
    }
  }
  return undefined;
}

function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
