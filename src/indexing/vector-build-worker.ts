/**
 * The thread that builds a vector index from vectors the main thread scanned from the store (see
 * vector-build.ts): each batch is added in the order it came, as the main thread would have
 * added it, and on `finish` the index is saved as the current snapshot of the index folder (the
 * snapshot's atomic save: a thread ended halfway leaves nothing a later start would trust), for
 * the main thread to load.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createIndexSnapshots } from '../vector-index/index-snapshot.js';
import type { VectorBuildData, VectorBuildReply, VectorBuildRequest } from './vector-build.js';

const data = workerData as VectorBuildData;
const snapshots = createIndexSnapshots(data.folder);
const index = snapshots.create(data.dimensions, data.capacity);
const reply = (message: VectorBuildReply) => parentPort?.postMessage(message);

parentPort?.on('message', (request: VectorBuildRequest) => {
  try {
    if (request.type === 'finish') {
      reply({ type: 'saved', meta: snapshots.save(index, request.info) });
      return;
    }
    const { ids, vectors } = request;
    for (let i = 0; i < ids.length; i += 1) {
      const start = i * data.dimensions;
      index.upsert(ids[i] as string, vectors.subarray(start, start + data.dimensions));
    }
  } catch (error) {
    reply({ type: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }
});
