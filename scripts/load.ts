/**
 * HTTP load: starts the real service in this process over a data folder (one filled by
 * `morelike bench --data-dir PATH`, or a temp folder it fills itself with `--articles N` synthetic
 * articles), adds a baseline Hono route on the same server that returns a fixed related-list-sized
 * JSON (6 items, taken from a real list), and runs autocannon (keep-alive, in a worker thread) for
 * three mixes: the baseline, every article equally often (uncached), and Zipf page views (s=1.1),
 * with `--writes-per-sec` article writes (default 5) going on during the two related-list mixes
 * (load/writer.ts: each a new article of a stored story, timed until it shows in the story's
 * list). It waits until every list is materialised and its default answer rendered first (as a
 * running server has them). Prints requests/s, p50/p99 latency, the ratios to the baseline, the
 * freshness of the writes and the resident memory at the end; `--json` prints one object.
 *
 *   node --import tsx scripts/load.ts [--data-dir PATH | --articles 100000] [--seconds 10]
 *     [--connections 50] [--writes-per-sec 5] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readModelVocabulary } from '../src/bench/model-vocabulary.js';
import { syntheticArticles } from '../src/bench/synthetic-corpus.js';
import { loadConfig } from '../src/config/env.js';
import { startModuleWorker } from '../src/embedding/worker-pool-embedder.js';
import { createApp, defaultAnswersOf } from '../src/http/app.js';
import type { RelatedList } from '../src/recommend/types.js';
import { buildServices, type Services } from '../src/services.js';
import type { LoadMix, LoadRunInput, LoadRunResult } from './load/autocannon-run.js';
import { startWriter, type WriterFigures } from './load/writer.js';

/** The write key of the served configuration (writes run during the mixes). */
const API_KEY = 'load-script-key';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'writes-per-sec': { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});

const log = (message: string) => process.stderr.write(`${message}\n`);

async function fill(services: Services, count: number): Promise<void> {
  const vocabulary = readModelVocabulary(services.config.modelsDir, services.config.modelId);
  let batch = [];
  for (const article of syntheticArticles({ vocabulary, articles: count })) {
    batch.push(article);
    if (batch.length === 500) {
      await services.ingest.upsert(batch);
      batch = [];
    }
  }
  await services.ingest.upsert(batch);
  log(`load: stored ${await services.store.count()} synthetic articles`);
}

/** A related list of exactly 6 items (a real one, items repeated when it is shorter). */
async function fixedList(services: Services, ids: readonly string[]): Promise<RelatedList> {
  for (const id of ids.slice(0, 50)) {
    const list = await services.related.forArticle(id);
    if (list.items.length > 0) {
      const items = Array.from({ length: 6 }, (_, i) => list.items[i % list.items.length]);
      return { ...list, items: items.filter((item) => item !== undefined) };
    }
  }
  throw new Error('no stored article has a related list to copy for the baseline');
}

function runMix(input: LoadRunInput): Promise<LoadRunResult> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(new URL('./load/autocannon-run.ts', import.meta.url), input);
    worker.once('message', (result: LoadRunResult) => resolve(result));
    worker.once('error', reject);
  });
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(server),
    ) as Server;
  });
}

async function main(): Promise<void> {
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'morelike-load-'));
  const config = { ...loadConfig(), dataDir, demo: false, apiKeys: [API_KEY] };
  const services = await buildServices(config, { log });
  try {
    if ((await services.store.count()) === 0) {
      await fill(services, Number(values.articles));
    }
    const listsStarted = performance.now();
    await services.lists.idle();
    log(`load: every list ready after ${((performance.now() - listsStarted) / 1000).toFixed(1)} s`);
    // As a server does: every list's default answer rendered in the background.
    const defaults = defaultAnswersOf(services);
    const stopRendering = defaults.prerender();
    const renderStarted = performance.now();
    await defaults.rendered();
    const renderSec = (performance.now() - renderStarted) / 1000;
    log(`load: every default answer rendered after ${renderSec.toFixed(1)} s`);
    const ids = [...services.index.vectors()].map((entry) => entry.id);
    const fixed = await fixedList(services, ids);
    const baseline = new Hono().get('/bench/baseline', (c) => c.json(fixed));
    const app = createApp(services, { defaults });
    const server = await listen((request) =>
      new URL(request.url).pathname === '/bench/baseline'
        ? baseline.fetch(request)
        : app.fetch(request),
    );
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const results: Partial<Record<LoadMix, LoadRunResult>> = {};
    const writes: WriterFigures[] = [];
    const perSec = Number(values['writes-per-sec']);
    for (const mix of ['baseline', 'uniform', 'zipf'] as const) {
      log(`load: ${mix} for ${values.seconds} s`);
      const writer =
        mix === 'baseline'
          ? undefined
          : startWriter({
              url: `http://127.0.0.1:${port}`,
              apiKey: API_KEY,
              ids,
              perSec,
              seed: writes.length + 1,
            });
      results[mix] = await runMix({
        url: `http://127.0.0.1:${port}`,
        mix,
        ids,
        seconds: Number(values.seconds),
        connections: Number(values.connections),
        zipfS: 1.1,
        seed: 7,
      });
      if (writer) {
        writes.push(await writer.stop());
      }
    }
    server.close();
    stopRendering();
    const extra = {
      answersRenderedSec: Math.round(renderSec * 10) / 10,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    };
    report(results as Record<LoadMix, LoadRunResult>, ids.length, writes, extra);
  } finally {
    await services.close();
    if (values['data-dir'] === undefined) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function report(
  results: Record<LoadMix, LoadRunResult>,
  articles: number,
  writes: readonly WriterFigures[],
  extra: { answersRenderedSec: number; rssMb: number },
): void {
  const base = results.baseline.requestsPerSec || 1;
  const ratio = (mix: LoadMix) => Math.round((results[mix].requestsPerSec / base) * 1000) / 1000;
  const freshness = writes.flatMap((w) => w.freshnessMs).sort((a, b) => a - b);
  const seconds = Number(values.seconds);
  const written = writes.reduce((sum, w) => sum + w.writes, 0);
  const summary = {
    baselineRps: Math.round(results.baseline.requestsPerSec),
    zipfRps: Math.round(results.zipf.requestsPerSec),
    zipfRatio: ratio('zipf'),
    zipfP99Ms: results.zipf.p99Ms,
    uniformRps: Math.round(results.uniform.requestsPerSec),
    uniformRatio: ratio('uniform'),
    uniformP99Ms: results.uniform.p99Ms,
    writesPerSec: Math.round((written / Math.max(1, 2 * seconds)) * 10) / 10,
    freshnessP99Ms: Math.round(freshness[Math.floor(0.99 * (freshness.length - 1))] ?? 0),
    freshnessP50Ms: Math.round(freshness[Math.floor(0.5 * (freshness.length - 1))] ?? 0),
    writes: {
      acknowledged: written - writes.reduce((sum, w) => sum + w.failed, 0),
      failed: writes.reduce((sum, w) => sum + w.failed, 0),
      shown: freshness.length,
      neverShown: writes.reduce((sum, w) => sum + w.neverShown, 0),
    },
    articles,
    ...extra,
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    baseline: results.baseline,
    uniform: { ...results.uniform, ratioToBaseline: ratio('uniform') },
    zipf: { ...results.zipf, ratioToBaseline: ratio('zipf') },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const line = (mix: LoadMix) => {
    const r = results[mix];
    const rate = Math.round(r.requestsPerSec).toString().padStart(8);
    const failures = `${r.non2xx} non-2xx, ${r.errors} errors`;
    return `${mix.padEnd(9)} ${rate} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  x${ratio(mix)} of baseline  (${failures})`;
  };
  const head = `load: ${articles} articles, ${summary.connections} connections, ${summary.seconds} s each`;
  const fresh = `writes    ${summary.writesPerSec}/s during the list mixes, freshness p50 ${summary.freshnessP50Ms} ms p99 ${summary.freshnessP99Ms} ms (${summary.writes.shown} shown, ${summary.writes.neverShown} never shown, ${summary.writes.failed} failed)`;
  process.stdout.write(
    `${[head, line('baseline'), line('uniform'), line('zipf'), fresh].join('\n')}\n`,
  );
}

await main();
