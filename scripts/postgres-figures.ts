/**
 * The figures of "Several servers on one PostgreSQL store", measured in one run on a throwaway
 * PostgreSQL server (Debian's binaries, as the tests start it):
 *
 * - ingest rate of the same synthetic archive through the real ingest path (the shipped model,
 *   worker threads, batches of 500, two in flight) into SQLite and into PostgreSQL;
 * - a new server (`npm start`'s entry in a fresh process) on the filled PostgreSQL store: time
 *   from spawn to /readyz 200, without snapshots and with a copy of another server's (index,
 *   lexical, lists and held articles snapshots);
 * - cross-server freshness: from a write's 2xx on one server until the other answers the new
 *   article's related list.
 *
 * With `--store-url` the new servers and the freshness run on that already filled store (for
 * example 100,000 articles copied once with `morelike migrate --to`), and the snapshots copied
 * are those the snapshot-less server saved when it stopped; the ingest rates are still measured
 * on `--articles` into fresh stores.
 *
 * With `--warm-from DIR` (and `--store-url`) only the start with snapshots is measured, `--runs`
 * times: each run copies `DIR/index` (a stopped server's snapshots) into a fresh data folder and
 * spawns the server's entry on it, `node --import tsx src/server.ts` and, with `--entry start`,
 * `node bin/start.mjs` (what `npm start` runs: the compiled build when it is current). It prints
 * the time from spawn to /readyz 200 and the time inside the process (its "ready" log line).
 *
 *   node --import tsx scripts/postgres-figures.ts [--articles 20000] [--writes 30]
 *     [--store-url postgres://...] [--json]
 *   node --import tsx scripts/postgres-figures.ts --store-url postgres://... --warm-from DIR
 *     [--runs 3] [--entry tsx|start|both] [--json]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../src/articles/article.js';
import { readModelVocabulary } from '../src/bench/model-vocabulary.js';
import { syntheticArticles } from '../src/bench/synthetic-corpus.js';
import { loadConfig } from '../src/config/env.js';
import { buildServices } from '../src/services.js';
import { createDatabase, startPostgresServer } from '../test/helpers/postgres-server.js';
import { send } from '../test/helpers/requests.js';
import {
  killChildren,
  type ServerProcess,
  SOURCE_ENTRY,
  spawnServer,
  TEST_API_KEY,
} from '../test/helpers/test-server.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '20000' },
    writes: { type: 'string', default: '30' },
    'store-url': { type: 'string' },
    'warm-from': { type: 'string' },
    runs: { type: 'string', default: '3' },
    entry: { type: 'string', default: 'tsx' },
    json: { type: 'boolean', default: false },
  },
});
const ARTICLES = Number(values.articles);
const WRITES = Number(values.writes);
const root = mkdtempSync(join(tmpdir(), 'morelike-pg-figures-'));
const say = (line: string) => process.stderr.write(`${line}\n`);

function corpus(count: number, seed = 7): Article[] {
  const base = loadConfig({});
  const vocabulary = readModelVocabulary(base.modelsDir, base.modelId);
  return [...syntheticArticles({ vocabulary, articles: count, seed })] as Article[];
}

/** Articles per second through `services.ingest` (batches of 500, two in flight). */
async function ingestRate(dataDir: string, storeUrl: string | undefined, articles: Article[]) {
  const config = Object.freeze({ ...loadConfig({}), dataDir, storeUrl, demo: false });
  const services = await buildServices(config, { log: () => undefined });
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < articles.length; i += 500) {
    inFlight.push(services.ingest.upsert(articles.slice(i, i + 500)));
    if (inFlight.length >= 2) {
      await inFlight.shift();
    }
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await services.close();
  return Math.round(articles.length / seconds);
}

const round = (n: number) => Math.round(n);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

/** Stops `server` as an operator would (SIGTERM: it saves its snapshots), then waits for it. */
async function stopGently(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Spawns a server on `storeUrl` with data folder `dataDir`; ms until /readyz answers 200. */
async function startTimed(
  children: ServerProcess[],
  storeUrl: string,
  dataDir: string,
  entry: readonly string[] = SOURCE_ENTRY,
) {
  const started = performance.now();
  const server = await spawnServer(
    {
      MORELIKE_STORE_URL: storeUrl,
      MORELIKE_DATA_DIR: dataDir,
      MORELIKE_API_KEYS: TEST_API_KEY,
      MORELIKE_DEMO: 'false',
    },
    entry,
  );
  children.push(server);
  for (;;) {
    const res = await fetch(`${server.url}/readyz`).catch(() => undefined);
    if (res?.status === 200) {
      return { server, ms: round(performance.now() - started) };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Milliseconds from each write's 2xx on `a` until `b` answers the new article's list. */
async function freshness(a: ServerProcess, b: ServerProcess): Promise<number[]> {
  const lags: number[] = [];
  for (const article of corpus(WRITES, 99).map((x, i) => ({
    ...x,
    id: `fresh-${Date.now()}-${i}`,
  }))) {
    const res = await fetch(`${a.url}/v1/articles/${article.id}`, send('PUT', article));
    const acknowledged = performance.now();
    if (res.status !== 201) {
      throw new Error(`write answered ${res.status}`);
    }
    while ((await fetch(`${b.url}/v1/articles/${article.id}/related`)).status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lags.push(performance.now() - acknowledged);
  }
  return lags;
}

/** The process's own time to ready (its "ready" log line), in ms. */
const inProcessMs = (server: ServerProcess) =>
  Number(server.lines.join('\n').match(/"ms":(\d+),"articles":\d+,"msg":"ready"/)?.[1] ?? 0);

/** Starts with a copy of `from`/index, `runs` times per entry, alternating entries. */
async function warmStarts(storeUrl: string, from: string): Promise<void> {
  const entries: Record<string, readonly string[]> = {
    tsx: SOURCE_ENTRY,
    start: ['bin/start.mjs'],
  };
  const chosen = values.entry === 'both' ? ['tsx', 'start'] : [values.entry ?? 'tsx'];
  const runs: { entry: string; spawnToReadyMs: number; inProcessMs: number }[] = [];
  for (let run = 0; run < Number(values.runs); run += 1) {
    for (const name of chosen) {
      const children: ServerProcess[] = [];
      const dataDir = join(root, `warm-${name}-${run}`);
      cpSync(join(from, 'index'), join(dataDir, 'index'), { recursive: true });
      try {
        const { server, ms } = await startTimed(children, storeUrl, dataDir, entries[name]);
        runs.push({ entry: name, spawnToReadyMs: ms, inProcessMs: inProcessMs(server) });
        await stopGently(server);
      } finally {
        await killChildren(children);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  process.stdout.write(
    `${JSON.stringify({ runs, loadAverage: loadavg()[0] }, null, values.json ? 0 : 2)}\n`,
  );
}

async function main(): Promise<void> {
  const from = values['warm-from'];
  const warmUrl = values['store-url'];
  if (from !== undefined) {
    if (warmUrl === undefined) {
      throw new Error('--warm-from needs --store-url');
    }
    try {
      await warmStarts(warmUrl, from);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  const database = await startPostgresServer();
  const children: ServerProcess[] = [];
  try {
    const ingestUrl = await createDatabase(database.url());
    const articles = corpus(ARTICLES);
    say(`ingesting ${ARTICLES} articles into SQLite, then into PostgreSQL`);
    const sqlite = await ingestRate(join(root, 'sqlite'), undefined, articles);
    const postgres = await ingestRate(join(root, 'pg-writer'), ingestUrl, articles);
    const storeUrl = values['store-url'] ?? ingestUrl;
    say('starting new servers on the filled store');
    // One at a time: a started server computes its lists in the background, which would slow
    // the next one's start on a small machine.
    const cold = await startTimed(children, storeUrl, join(root, 'pg-new'));
    say(cold.server.lines.filter((l) => /index|lexical|held|lists|ready/.test(l)).join('\n'));
    await stopGently(cold.server);
    const source = values['store-url'] ? 'pg-new' : 'pg-writer';
    const copy = (name: string) =>
      cpSync(join(root, source, 'index'), join(root, name, 'index'), { recursive: true });
    copy('pg-copy-1');
    copy('pg-copy-2');
    const warm = await startTimed(children, storeUrl, join(root, 'pg-copy-1'));
    say(warm.server.lines.filter((l) => /index|lexical|held|lists|ready/.test(l)).join('\n'));
    const other = await startTimed(children, storeUrl, join(root, 'pg-copy-2'));
    const lags = await freshness(warm.server, other.server);
    const figures = {
      articles: ARTICLES,
      storeArticles: Number(cold.server.lines.join('\n').match(/"articles":(\d+)/)?.[1] ?? 0),
      sqliteIngestPerSec: sqlite,
      postgresIngestPerSec: postgres,
      postgresToSqlite: Math.round((postgres / sqlite) * 100) / 100,
      newServerReadyMs: cold.ms,
      newServerWithSnapshotReadyMs: warm.ms,
      writes: lags.length,
      freshnessP50Ms: round(percentile(lags, 0.5)),
      freshnessP99Ms: round(percentile(lags, 0.99)),
      freshnessMaxMs: round(Math.max(...lags)),
    };
    process.stdout.write(`${JSON.stringify(figures, null, values.json ? 0 : 2)}\n`);
  } finally {
    await killChildren(children);
    await database.destroy();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
