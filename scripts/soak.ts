/**
 * Soak: the fuzz and concurrency suites, longer. Starts the real server in this process (real
 * model, SQLite and HNSW in a temp folder, an API key), sends `--requests` seeded hostile requests
 * (default 10,000) and measures the heap before and after, then runs writers and readers for
 * `--seconds` (default 30) and checks every acknowledged write is stored and indexed. Prints the
 * figures as one JSON object; exit 1 on any 5xx, dropped connection, unexpected answer or lost write.
 *
 *   node --import tsx scripts/soak.ts [--requests 10000] [--seconds 30] [--writers 4] [--readers 4] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fuzzCases } from '../test/helpers/fuzz-cases.js';
import { quantile, runLoad } from '../test/helpers/load-workers.js';
import { countStatus, runRaw } from '../test/helpers/raw-http.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../test/helpers/test-server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const heap = () => {
  gc();
  gc();
  return mb(process.memoryUsage().heapUsed);
};

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '30' },
    writers: { type: 'string', default: '4' },
    readers: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
  },
});

async function fuzz(server: TestServer, requests: number, seed: number) {
  const started = performance.now();
  await runRaw(server.url, fuzzCases(seed + 1, 300, { apiKey: TEST_API_KEY }));
  const heapBefore = heap();
  const run = await runRaw(server.url, fuzzCases(seed, requests, { apiKey: TEST_API_KEY }));
  const heapAfter = heap();
  const healthy = (await fetch(`${server.url}/healthz`)).status === 200;
  return {
    requests: run.sent,
    status5xx: countStatus(run, 500, 600),
    status4xx: countStatus(run, 400, 500),
    status2xx: countStatus(run, 200, 300),
    dropped: run.byStatus.get(0) ?? 0,
    failures: run.failures.slice(0, 10),
    heapBeforeMb: heapBefore,
    heapAfterMb: heapAfter,
    healthyAfter: healthy,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

async function load(server: TestServer, seconds: number, writers: number, readers: number) {
  const result = await runLoad({
    url: server.url,
    apiKey: TEST_API_KEY,
    writers,
    readers,
    durationMs: seconds * 1000,
  });
  let found = 0;
  for (const id of result.acknowledged) {
    const res = await fetch(`${server.url}/v1/articles/${id}`);
    await res.arrayBuffer();
    found += res.status === 200 ? 1 : 0;
  }
  const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as Record<string, number>;
  return {
    seconds,
    writes: result.writes,
    reads: result.reads,
    errors: result.errors.length,
    firstErrors: result.errors.slice(0, 10),
    acknowledged: result.acknowledged.size,
    found,
    storeCount: stats.articles,
    indexCount: stats.indexed,
    relatedP50Ms: Math.round(quantile(result.relatedMs, 0.5) * 10) / 10,
    relatedP99Ms: Math.round(quantile(result.relatedMs, 0.99) * 10) / 10,
    rssMb: mb(process.memoryUsage().rss),
  };
}

async function main(): Promise<number> {
  const server = await startTestServer({
    MORELIKE_RATE_LIMIT_PREVIEW: '1000000',
    MORELIKE_RATE_LIMIT_WRITE: '1000000',
    MORELIKE_MAX_BODY_BYTES: String(1024 * 1024),
  });
  try {
    const f = await fuzz(server, Number(values.requests), Number(values.seed));
    const l = await load(
      server,
      Number(values.seconds),
      Number(values.writers),
      Number(values.readers),
    );
    process.stdout.write(`${JSON.stringify({ fuzz: f, load: l }, null, 2)}\n`);
    const lost = l.acknowledged - l.found;
    const ok =
      f.status5xx === 0 &&
      f.dropped === 0 &&
      f.healthyAfter &&
      l.errors === 0 &&
      lost === 0 &&
      l.indexCount === l.storeCount;
    return ok ? 0 : 1;
  } finally {
    await server.close();
  }
}

process.exitCode = await main();
