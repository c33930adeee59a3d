/**
 * The held articles snapshot (`<dataDir>/index/held.snapshot`): every article and its terms as a
 * store on a database server hands them over (JSON), saved beside the index snapshots so that a
 * new server on an existing store starts without reading the whole archive back from the
 * database. A 32-byte header (magic, format version, record count, store generation, CRC-32 of
 * the rest) and one record per article: three lengths, then the id, the article's JSON and its
 * terms' JSON. It loads as one buffer with an offset per id; an article is parsed only when read.
 * Written atomically; a missing, torn, corrupt or other-version file is a reason, never a crash.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startModuleWorker } from '../embedding/worker-pool-embedder.js';
import { AppError } from '../errors.js';
import { assemble, type HeldParts, type HeldSnapshotLoad, readHeldParts } from './held-parts.js';
import { type HeldSavePlan, writeHeldPlan } from './held-write.js';

export {
  HELD_SNAPSHOT_VERSION,
  type HeldSnapshotLoad,
  type PackedArticles,
} from './held-parts.js';
export type { HeldSavePlan } from './held-write.js';

/** The snapshot's file name inside the index folder. */
export const HELD_SNAPSHOT_FILE = 'held.snapshot';

/** Saves and loads the held articles snapshot of one data folder. */
export interface HeldSnapshots {
  /** Reads the snapshot in a thread of its own (taking over a read `prefetch` began). */
  load(): Promise<HeldSnapshotLoad>;
  /** Begins reading the snapshot now, for the next `load` (start-up overlaps it). */
  prefetch(): void;
  /**
   * Writes `plan` as reflecting store `generation`, atomically, in a thread of its own (on this
   * thread if that thread fails); rejects with STORAGE_FAILED.
   */
  save(plan: HeldSavePlan, generation: number): Promise<void>;
}

/** The snapshot kept at `file`; a save at the generation last loaded or saved is skipped. */
export function createHeldSnapshots(file: string): HeldSnapshots {
  let known: number | undefined;
  let pending: Promise<HeldSnapshotLoad> | undefined;
  return {
    prefetch() {
      pending ??= readHeldSnapshotOffThread(file);
    },
    async load() {
      const reading = pending ?? readHeldSnapshotOffThread(file);
      pending = undefined;
      const loaded = await reading;
      known = loaded.ok ? loaded.packed.generation : undefined;
      return loaded;
    },
    async save(plan, generation) {
      if (generation === known) {
        return;
      }
      try {
        await saveOffThread(file, plan, generation);
        known = generation;
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the held articles snapshot ${file}`, {
          cause: error,
        });
      }
    },
  };
}

/** Writes `plan` in a thread of its own; on this thread when that thread cannot run. */
function saveOffThread(file: string, plan: HeldSavePlan, generation: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (!settled) {
        settled = true;
        try {
          done();
          resolve();
        } catch (error) {
          reject(error);
        }
      }
    };
    const worker = startModuleWorker(moduleUrl('held-save-worker'), { file, plan, generation });
    worker.once('message', (answer: { ok: boolean; message?: string }) =>
      settle(() => {
        if (!answer.ok) {
          throw new Error(answer.message);
        }
      }),
    );
    worker.once('error', () => settle(() => writeHeldPlan(file, plan, generation)));
    worker.once('exit', () => settle(() => writeHeldPlan(file, plan, generation)));
  });
}

/** Reads `file` on this thread, or says why it cannot be used. */
export function readHeldSnapshot(file: string): HeldSnapshotLoad {
  return assemble(readHeldParts(file));
}

/** Reads `file` in a thread of its own (on this thread if that thread fails). */
export function readHeldSnapshotOffThread(file: string): Promise<HeldSnapshotLoad> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (load: () => HeldSnapshotLoad) => {
      if (!settled) {
        settled = true;
        resolve(load());
      }
    };
    const worker = startModuleWorker(moduleUrl('held-read-worker'), { file });
    worker.once('message', (parts: HeldParts | { reason: string }) =>
      settle(() => assemble(parts)),
    );
    // A thread that failed or ended without an answer: read here instead.
    worker.once('error', () => settle(() => readHeldSnapshot(file)));
    worker.once('exit', () => settle(() => readHeldSnapshot(file)));
  });
}

/** URL of the sibling module `name`, with this module's extension (.ts under tsx). */
function moduleUrl(name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}
