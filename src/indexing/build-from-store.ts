/**
 * Building the indexes from the store in one read: every page of a single scan feeds the vector
 * index (in a worker thread when the snapshots live in a folder: see vector-build.ts), the
 * lexical index (the stored terms' text interned in place, never parsed into objects) and, for a store
 * on a database server, the held articles (kept as the JSON text read). A start without
 * snapshots comes here; the keeper's rebuild and swap (keeper.ts) still reads the vectors, the
 * terms and the held articles one after the other.
 */
import { createLexicalIndex, type MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore, ScannedArticle, VectorModel } from '../store/article-store.js';
import { assertDimensions } from '../vector-index/exact-index.js';
import type { IndexSnapshots } from '../vector-index/persistent-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import { createScannedHeld } from './held-scan.js';
import type { PackedArticles } from './held-snapshot.js';
import { pacer } from './pause.js';
import { startVectorBuild, type VectorBuild } from './vector-build.js';

/**
 * Articles from which the graph is built in a worker thread: below, starting the thread (and
 * saving and loading the graph) costs more than building it here (8,000 articles: 2.5 s with
 * the thread, 1.3 s without).
 */
export const VECTOR_WORKER_FROM = 20_000;

export interface BuildDeps {
  readonly store: ArticleStore;
  readonly snapshots: IndexSnapshots;
  readonly model: VectorModel;
  /** Whether the held articles are built too (a store without local reads). */
  readonly holdArticles: boolean;
  /** See VECTOR_WORKER_FROM (its default). */
  readonly vectorWorkerFrom?: number;
}

/** Everything built from one scan, reflecting the store at `generation` (or later writes). */
export interface StoreBuild {
  readonly generation: number;
  /** Undefined when the worker failed (`vectorProblem` says why): rebuild on this thread. */
  readonly index?: VectorIndex;
  readonly vectorProblem?: string;
  readonly lexical: MemoryLexicalIndex;
  readonly held?: PackedArticles;
  /** Milliseconds from the start: the scan (and lexical build) done, the vector index ready. */
  readonly timings: { readonly scanned: number; readonly vectors: number };
  /** Whether the graph was built in a worker thread. */
  readonly offThread: boolean;
}

/** Scans the store once and builds the vector and lexical indexes (and held articles) from it. */
export async function buildFromStore(deps: BuildDeps): Promise<StoreBuild> {
  const { store, snapshots, model } = deps;
  const generation = await store.generation();
  const count = await store.count();
  const capacity = Math.max(1024, count);
  const { folder } = snapshots;
  const offThread =
    folder && count >= (deps.vectorWorkerFrom ?? VECTOR_WORKER_FROM)
      ? startVectorBuild({ folder, dimensions: model.dimensions, capacity })
      : undefined;
  const here = offThread ? undefined : snapshots.create(model.dimensions, capacity);
  const lexical = createLexicalIndex();
  const held = deps.holdArticles ? createScannedHeld(generation, count) : undefined;
  const pace = pacer();
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  try {
    for await (const page of store.scan({ articles: deps.holdArticles })) {
      offThread?.add(
        page.map((row) => row.id),
        concatenated(page, model.dimensions),
      );
      for (const row of page) {
        here?.upsert(row.id, row.vector);
        lexical.upsertText(row.id, row.terms);
        held?.add(row);
        await pace();
      }
    }
    const scanned = since();
    const vectors = here
      ? { index: here }
      : await fromWorker(offThread, snapshots, generation, model);
    const timings = { scanned, vectors: since() };
    const parts = { lexical, ...vectors, ...(held ? { held: held.packed() } : {}) };
    return { generation, ...parts, timings, offThread: offThread !== undefined };
  } finally {
    await offThread?.stop();
  }
}

/** The worker's index, saved as the current snapshot and loaded from it. */
async function fromWorker(
  build: VectorBuild | undefined,
  snapshots: IndexSnapshots,
  generation: number,
  model: VectorModel,
): Promise<{ index?: VectorIndex; vectorProblem?: string }> {
  try {
    await build?.finish({ generation, modelId: model.modelId });
    const loaded = snapshots.read ? await snapshots.read() : snapshots.load();
    return loaded.ok ? { index: loaded.index } : { vectorProblem: loaded.reason };
  } catch (error) {
    return { vectorProblem: error instanceof Error ? error.message : String(error) };
  }
}

/** The page's vectors one after the other (handed to the worker without a copy). */
function concatenated(page: readonly ScannedArticle[], dimensions: number): Float32Array {
  const all = new Float32Array(page.length * dimensions);
  page.forEach((row, i) => {
    assertDimensions(row.vector, dimensions);
    all.set(row.vector, i * dimensions);
  });
  return all;
}
