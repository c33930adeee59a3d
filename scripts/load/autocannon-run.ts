/**
 * One autocannon run in a worker thread, so the load generator has its own event loop and does
 * not queue behind the server it measures (which runs on the load script's main thread). The
 * mix decides the path of every request: the fixed baseline, each article equally often (a
 * shuffled cycle: uncached), or article ids drawn from a Zipf distribution (page-view traffic).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { createRandom, createZipfSampler } from '../../src/bench/synthetic-corpus.js';

export type LoadMix = 'baseline' | 'uniform' | 'zipf';

export interface LoadRunInput {
  readonly url: string;
  readonly mix: LoadMix;
  readonly ids: readonly string[];
  readonly seconds: number;
  readonly connections: number;
  readonly zipfS: number;
  readonly seed: number;
}

/** What the worker posts back. */
export interface LoadRunResult {
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<unknown>) & {
  aggregateResult(results: unknown[], options: Record<string, unknown>): AutocannonResult;
};

function pathPicker(input: LoadRunInput): () => string {
  const random = createRandom(input.seed);
  const ids = [...input.ids];
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  const related = (id: string) => `/v1/articles/${encodeURIComponent(id)}/related`;
  if (input.mix === 'baseline') {
    return () => '/bench/baseline';
  }
  if (input.mix === 'uniform') {
    let next = 0;
    return () => related(ids[next++ % ids.length] as string);
  }
  // Rank r of the Zipf law is the r-th id of the shuffled list: popularity is unrelated to topic.
  const zipf = createZipfSampler(ids.length, input.zipfS, random);
  return () => related(ids[zipf()] as string);
}

async function main(): Promise<void> {
  const input = workerData as LoadRunInput;
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const nextPath = pathPicker(input);
  const options = {
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    pipelining: 1,
    requests: [
      { method: 'GET', setupRequest: (request: object) => ({ ...request, path: nextPath() }) },
    ],
  };
  // Off the main thread autocannon answers its raw histograms (its own workers mode): aggregate.
  const raw = await autocannon(options);
  const result = autocannon.aggregateResult([raw], options);
  parentPort?.postMessage({
    // Aggregated without the per-second histogram, so the rate is completed requests / duration.
    requestsPerSec: Math.round(result.requests.total / Math.max(1e-9, result.duration)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  } satisfies LoadRunResult);
}

await main();
