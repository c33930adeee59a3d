/**
 * IndexSnapshots over a folder (`<dataDir>/index`): each save writes a new graph file, a labels
 * file and a vectors file (the stored vectors, raw float32 in label order), then atomically
 * replaces `current.json`, which names them and holds the meta (generation, count, model,
 * dimensions) and the SHA-256 of graph and vectors. A reader sees the old snapshot or the new one,
 * never a mix; a checksum mismatch or a missing file is reported as a reason, never a crash.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { commitAtomic, writeFileAtomic } from './atomic-file.js';
import { createHnswIndex, isHnswIndex, readHnswIndex } from './hnsw-index.js';
import { isLabelMapState } from './label-map.js';
import type { IndexSnapshots, SnapshotLoad, SnapshotMeta } from './persistent-index.js';

const POINTER = 'current.json';

/** Format of `current.json` and the files it names; other versions are rebuilt, not read. */
const FORMAT = 2;

interface Pointer {
  readonly version: typeof FORMAT;
  readonly graph: string;
  readonly labels: string;
  readonly vectors: string;
  /** Size and SHA-256 of the graph file, then SHA-256 of the vectors file. */
  readonly graphBytes: number;
  readonly sha256: string;
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
  return {
    create: (dimensions, capacity) => createHnswIndex(dimensions, capacity),
    readMeta: () => readPointer()?.meta,
    load: () => loadSnapshot(folder, readPointer()),
    save(index, info) {
      if (!isHnswIndex(index)) {
        throw new AppError('INTERNAL_ERROR', 'Only an HNSW index can be saved as a snapshot');
      }
      const previous = readPointer();
      const meta: SnapshotMeta = {
        generation: info.generation,
        count: index.size(),
        modelId: info.modelId,
        dimensions: index.dimensions,
        savedAt: new Date().toISOString(),
      };
      try {
        mkdirSync(folder, { recursive: true });
        const stem = `${info.generation}-${Date.now().toString(36)}-${process.pid}`;
        const labels = index.labels();
        const vectors = index.packVectors(labels);
        const vectorBytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
        const pointer: Pointer = {
          version: FORMAT,
          graph: `graph-${stem}.hnsw`,
          labels: `labels-${stem}.json`,
          vectors: `vectors-${stem}.f32`,
          graphBytes: 0,
          sha256: '',
          vectorsSha256: sha256Of(vectorBytes),
          meta,
        };
        commitAtomic(join(folder, pointer.graph), (temp) => index.writeGraph(temp));
        writeFileAtomic(join(folder, pointer.labels), JSON.stringify(labels));
        writeFileAtomic(join(folder, pointer.vectors), vectorBytes);
        const graph = readFileSync(join(folder, pointer.graph));
        const sealed = { ...pointer, graphBytes: graph.byteLength, sha256: sha256Of(graph) };
        writeFileAtomic(join(folder, POINTER), JSON.stringify(sealed));
        removeStale(folder, [pointer, previous]);
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the index snapshot in ${folder}`, {
          cause: error,
        });
      }
      return meta;
    },
  };
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
  let vectors: Float32Array;
  try {
    if (statSync(graphFile).size !== pointer.graphBytes) {
      return { ok: false, reason: `the graph file ${pointer.graph} is corrupt (size differs)` };
    }
    const bytes = readFileSync(join(folder, pointer.vectors));
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
    vectors = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
    labels = JSON.parse(readFileSync(join(folder, pointer.labels), 'utf8'));
  } catch (error) {
    return { ok: false, reason: `the snapshot files are unreadable (${describe(error)})` };
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

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Files younger than this are never removed: another process may be about to point at them. */
const STALE_AFTER_MS = 60_000;

/** Deletes graph, labels and vectors files of older snapshots, keeping the current and previous one. */
function removeStale(folder: string, keep: readonly (Pointer | undefined)[]): void {
  const wanted = new Set(
    keep.flatMap((p) => (p ? [p.graph, p.labels, p.vectors, POINTER] : [POINTER])),
  );
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (
      !wanted.has(name) &&
      /^(graph|labels|vectors)-/.test(name) &&
      statSync(path).mtimeMs < cutoff
    ) {
      rmSync(path, { force: true });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
