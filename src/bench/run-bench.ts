/**
 * `morelike bench` as orchestration over a Services factory: a synthetic archive is ingested
 * through `services.ingest.upsert` in batches (two in flight, so embedding in worker threads
 * overlaps storing and indexing on the main thread), the time until every list is materialised,
 * then the embedder alone, an index rebuild,
 * HNSW recall against exact search; then the serving half (serving.ts: a cold start on the filled
 * data folder, uncached related lists for distinct random ids, the resident memory), by default
 * in this process, from the CLI in a fresh one.
 */
import type { Article } from '../articles/article.js';
import { embeddingInput } from '../articles/embedding-text.js';
import type { Services } from '../services.js';
import { createExactIndex } from '../vector-index/exact-index.js';
import { percentile, round, rssMb, sampleIndexes, timed } from './measure.js';
import { measureServing, type ServingFigures, type ServingPlan } from './serving.js';
import { syntheticArticles } from './synthetic-corpus.js';

export type BenchPhase =
  | 'ingest'
  | 'lists'
  | 'embed'
  | 'rebuild'
  | 'recall'
  | 'startup'
  | 'related';

export interface BenchOptions {
  readonly articles: number;
  /** The model's words, most frequent first (see model-vocabulary.ts). */
  readonly vocabulary: readonly string[];
  /** Opens the services over the bench data folder with the normal settings. */
  readonly open: () => Promise<Services>;
  /**
   * Measures the serving half (start-up, related lists, memory), e.g. in a fresh process
   * (serve-in-child.ts); in this process over `open` when absent.
   */
  readonly serve?: (
    plan: ServingPlan,
    onProgress: (done: number, total: number) => void,
  ) => Promise<ServingFigures>;
  readonly batchSize?: number;
  /** Related lists timed (distinct ids, so none is cached), default 2,000. */
  readonly relatedQueries?: number;
  /** HNSW queries compared with exact search, default 500. */
  readonly recallQueries?: number;
  /** Articles embedded for the embedder-alone figure, default 10,000. */
  readonly embedSample?: number;
  readonly seed?: number;
  readonly onProgress?: (phase: BenchPhase, done: number, total: number) => void;
}

/** The figures (contract keys first). Rates are per wall second and per CPU second. */
export interface BenchResult {
  readonly articles: number;
  readonly ingestArticlesPerSec: number;
  readonly embedArticlesPerSec: number;
  readonly relatedP50Ms: number;
  readonly relatedP99Ms: number;
  readonly recallAt10: number;
  readonly indexBuildSec: number;
  readonly rssMb: number;
  readonly startupMs: number;
  /** From the end of ingest until every article's list is materialised. */
  readonly listsReadySec: number;
  /** CPU seconds of this process in that time (the figure that holds on a busy machine). */
  readonly listsReadyCpuSec: number;
  /** Lists the restarted serving process computed (0: all answered from the lists snapshot). */
  readonly startupListsComputed: number;
  readonly ingestArticlesPerCpuSec: number;
  readonly embedArticlesPerCpuSec: number;
  readonly relatedMeanMs: number;
  readonly ingestPeakRssMb: number;
  readonly embedThreads: number;
  readonly seconds: number;
}

/** Runs every measurement; the caller owns (and removes) the data folder. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const corpus = (count: number) =>
    syntheticArticles({ vocabulary: options.vocabulary, articles: count, seed: options.seed });
  const services = await options.open();
  let ingest: IngestFigures;
  let listsReady: { seconds: number; cpuSeconds: number };
  let embed: { perSec: number; perCpuSec: number };
  let indexBuildSec: number;
  let recallAt10: number;
  try {
    ingest = await measureIngest(services, corpus(options.articles), options);
    options.onProgress?.('lists', 0, 1);
    listsReady = await timed(() => services.lists.idle());
    embed = await measureEmbed(services, corpus(options.embedSample ?? 10_000), options);
    options.onProgress?.('rebuild', 0, 1);
    indexBuildSec = (await timed(() => services.indexing.rebuild('bench: timing a rebuild')))
      .seconds;
    recallAt10 = await measureRecall(services, ingest.ids, options);
    // A rebuild makes every list stale (a new graph may rank differently): waiting again, untimed,
    // saves fresh lists, so the serving half measures a restart rather than a recomputation.
    options.onProgress?.('lists', 0, 1);
    await services.lists.idle();
  } finally {
    await services.close();
  }
  options.onProgress?.('startup', 0, 1);
  const plan = servingPlan(ingest.ids, options);
  const onRelated = (done: number, total: number) => options.onProgress?.('related', done, total);
  const serving = await (options.serve
    ? options.serve(plan, onRelated)
    : measureServing(options.open, plan, onRelated));
  const { latencies } = serving;
  return {
    articles: ingest.ids.length,
    ingestArticlesPerSec: round(ingest.perSec, 0),
    embedArticlesPerSec: round(embed.perSec, 0),
    relatedP50Ms: round(percentile(latencies, 0.5), 3),
    relatedP99Ms: round(percentile(latencies, 0.99), 3),
    recallAt10: round(recallAt10, 4),
    indexBuildSec: round(indexBuildSec, 2),
    rssMb: serving.rssMb,
    startupMs: serving.startupMs,
    listsReadySec: round(listsReady.seconds, 1),
    listsReadyCpuSec: round(listsReady.cpuSeconds, 1),
    startupListsComputed: serving.listsComputed,
    ingestArticlesPerCpuSec: round(ingest.perCpuSec, 0),
    embedArticlesPerCpuSec: round(embed.perCpuSec, 0),
    relatedMeanMs: round(latencies.reduce((a, b) => a + b, 0) / latencies.length || 0, 3),
    ingestPeakRssMb: ingest.peakRssMb,
    embedThreads: serving.embedThreads,
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

interface IngestFigures {
  readonly ids: string[];
  readonly perSec: number;
  readonly perCpuSec: number;
  readonly peakRssMb: number;
}

/** Upserts the corpus in batches, two in flight; generating the corpus is not counted. */
async function measureIngest(
  services: Services,
  articles: Iterable<Article>,
  options: BenchOptions,
): Promise<IngestFigures> {
  const size = options.batchSize ?? 500;
  const ids: string[] = [];
  let peak = rssMb();
  let generating = 0;
  const run = await timed(async () => {
    const inFlight: Promise<unknown>[] = [];
    const iterator = articles[Symbol.iterator]();
    for (;;) {
      const t0 = performance.now();
      const batch = takeBatch(iterator, size);
      generating += performance.now() - t0;
      if (batch.length === 0) {
        break;
      }
      ids.push(...batch.map((a) => a.id));
      inFlight.push(services.ingest.upsert(batch));
      if (inFlight.length >= 2) {
        await inFlight.shift();
        peak = Math.max(peak, rssMb());
        options.onProgress?.('ingest', ids.length, options.articles);
      }
    }
    await Promise.all(inFlight);
  });
  peak = Math.max(peak, rssMb());
  options.onProgress?.('ingest', ids.length, options.articles);
  const seconds = Math.max(1e-9, run.seconds - generating / 1000);
  return {
    ids,
    perSec: ids.length / seconds,
    perCpuSec: ids.length / Math.max(1e-9, run.cpuSeconds - generating / 1000),
    peakRssMb: peak,
  };
}

function takeBatch(iterator: Iterator<Article>, size: number): Article[] {
  const batch: Article[] = [];
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    batch.push(next.value);
    if (batch.length >= size) {
      break;
    }
  }
  return batch;
}

/** The embedder alone, in the same batches (the worker pool spreads each one). */
async function measureEmbed(
  services: Services,
  articles: Iterable<Article>,
  options: BenchOptions,
): Promise<{ perSec: number; perCpuSec: number }> {
  const inputs = [...articles].map(embeddingInput);
  const size = options.batchSize ?? 500;
  const run = await timed(async () => {
    for (let i = 0; i < inputs.length; i += size) {
      await services.embedder.embed(inputs.slice(i, i + size));
      options.onProgress?.('embed', Math.min(inputs.length, i + size), inputs.length);
    }
  });
  return {
    perSec: inputs.length / Math.max(1e-9, run.seconds),
    perCpuSec: inputs.length / Math.max(1e-9, run.cpuSeconds),
  };
}

/** Share of the exact 10 nearest neighbours (the query itself left out) that HNSW returns. */
async function measureRecall(
  services: Services,
  ids: readonly string[],
  options: BenchOptions,
): Promise<number> {
  const exact = createExactIndex(services.index.dimensions);
  for await (const { id, vector } of services.store.vectors()) {
    exact.upsert(id, vector);
  }
  const sample = sampleIndexes(ids.length, options.recallQueries ?? 500, (options.seed ?? 42) + 1);
  let found = 0;
  let wanted = 0;
  for (const [n, index] of sample.entries()) {
    const id = ids[index] as string;
    const vector = exact.vector(id)?.vector;
    if (vector) {
      const top = (hits: { id: string }[]) => hits.filter((h) => h.id !== id).slice(0, 10);
      const truth = new Set(top(exact.search(vector, 11)).map((h) => h.id));
      found += top(services.index.search(vector, 11)).filter((h) => truth.has(h.id)).length;
      wanted += truth.size;
    }
    options.onProgress?.('recall', n + 1, sample.length);
  }
  return wanted === 0 ? 1 : found / wanted;
}

/** Distinct random ids for the related lists (none asked twice), the first ones to warm up. */
function servingPlan(ids: readonly string[], options: BenchOptions): ServingPlan {
  const count = options.relatedQueries ?? 2000;
  const warmUp = Math.min(100, Math.floor(ids.length / 10));
  const sample = sampleIndexes(ids.length, count + warmUp, (options.seed ?? 42) + 2);
  return { ids: sample.map((index) => ids[index] as string), warmUp };
}
