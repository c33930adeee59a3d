/**
 * Loading an index snapshot (index-snapshot.ts writes them): the pointer `current.json` and the
 * graph, labels and vectors files it names, after cheap checks (format, sizes, the labels'
 * checksum); the full checksums of the graph and vectors files are left to the returned
 * `verify`, run in the background after start. `readSnapshot` reads the graph (the largest
 * file) on another thread while this one reads the rest.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type HnswIndex, type ReadGraph, readGraphOffThread, readHnswIndex } from './hnsw-index.js';
import { isLabelMapState, type LabelMapState } from './label-map.js';
import type { SnapshotLoad, SnapshotMeta } from './persistent-index.js';

/** Format of `current.json` and the files it names; other versions are rebuilt, not read. */
export const SNAPSHOT_FORMAT = 3;

/** What `current.json` holds. */
export interface Pointer {
  readonly version: typeof SNAPSHOT_FORMAT;
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

/**
 * Loads the snapshot after cheap checks (format, sizes, labels); the checksums of the graph and
 * vectors files, which cost a full read and hash of both, are left to `verify` so that start-up
 * does not wait for them (the caller runs it in the background and rebuilds on a mismatch).
 * Files are replaced atomically after an fsync, so a torn write cannot happen; the checksums
 * catch later damage.
 */
export function loadSnapshot(folder: string, pointer: Pointer | undefined): SnapshotLoad {
  const checked = checkPointer(folder, pointer);
  if (typeof checked === 'string') {
    return { ok: false, reason: checked };
  }
  const parts = readParts(folder, checked);
  if (typeof parts === 'string') {
    return { ok: false, reason: parts };
  }
  const dimensions = checked.meta.dimensions;
  return indexed(folder, checked, () =>
    readHnswIndex(join(folder, checked.graph), dimensions, parts.labels, parts.vectors),
  );
}

/**
 * As `loadSnapshot`, with the graph (the largest part) read on another thread while this one
 * reads the labels and vectors.
 */
export async function readSnapshot(
  folder: string,
  pointer: Pointer | undefined,
): Promise<SnapshotLoad> {
  const checked = checkPointer(folder, pointer);
  if (typeof checked === 'string') {
    return { ok: false, reason: checked };
  }
  const graph = readGraphOffThread(join(folder, checked.graph), checked.meta.dimensions);
  graph.catch(() => {});
  const parts = readParts(folder, checked);
  if (typeof parts === 'string') {
    return { ok: false, reason: parts };
  }
  let read: ReadGraph;
  try {
    read = await graph;
  } catch (error) {
    return { ok: false, reason: `the graph could not be read (${describe(error)})` };
  }
  return indexed(folder, checked, () => read.index(parts.labels, parts.vectors));
}

/** `pointer` when it names a snapshot of this format with a graph file of the right size. */
function checkPointer(folder: string, pointer: Pointer | undefined): Pointer | string {
  if (!pointer) {
    return `no readable snapshot in ${folder}`;
  }
  if (pointer.version !== SNAPSHOT_FORMAT || typeof pointer.graphBytes !== 'number') {
    return `the snapshot is in an older format (${pointer.version})`;
  }
  try {
    if (statSync(join(folder, pointer.graph)).size !== pointer.graphBytes) {
      return `the graph file ${pointer.graph} is corrupt (size differs)`;
    }
  } catch (error) {
    return `the snapshot files are unreadable (${describe(error)})`;
  }
  return pointer;
}

/** The snapshot's labels (checked: read whole anyway) and vectors, or why they are unusable. */
function readParts(
  folder: string,
  pointer: Pointer,
): { labels: LabelMapState; vectors: Float32Array } | string {
  let labels: unknown;
  let labelsText: string;
  let vectors: Float32Array;
  try {
    const bytes = readFileSync(join(folder, pointer.vectors));
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
    vectors = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
    labelsText = readFileSync(join(folder, pointer.labels), 'utf8');
    labels = JSON.parse(labelsText);
  } catch (error) {
    return `the snapshot files are unreadable (${describe(error)})`;
  }
  // Swapped ids would swap two articles' vectors: the labels' checksum is checked at once.
  if (sha256Of(labelsText) !== pointer.labelsSha256) {
    return `the labels file ${pointer.labels} is corrupt (checksum differs)`;
  }
  if (!isLabelMapState(labels)) {
    return `the labels file ${pointer.labels} is malformed`;
  }
  return { labels, vectors };
}

function indexed(folder: string, pointer: Pointer, index: () => HnswIndex): SnapshotLoad {
  try {
    return {
      ok: true,
      index: index(),
      meta: pointer.meta,
      verify: () => verifyFiles(folder, pointer),
    };
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

/** The SHA-256 of `bytes`, in hex. */
export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
