/**
 * `morelike bench [--json] [--articles N]`: the performance figures over a synthetic archive in
 * the model's own vocabulary, indexed into a throw-away data folder (or `--data-dir`, kept for
 * the HTTP load script) with the service's normal settings. A progress bar on a terminal, one
 * summary line at the end; `--json` prints exactly one JSON object.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { readModelVocabulary } from '../../bench/model-vocabulary.js';
import { type BenchPhase, type BenchResult, runBench } from '../../bench/run-bench.js';
import { measureServingInChild } from '../../bench/serve-in-child.js';
import type { CliContext, TextOut } from '../cli-context.js';
import { wholeNumber } from '../options.js';
import type { CommandDefinition } from './index.js';

interface BenchFlags {
  readonly articles: number;
  readonly batchSize: number;
  readonly queries: number;
  readonly recallQueries: number;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly inProcess?: boolean;
}

/** The bench command. */
export const benchCommand: CommandDefinition = (context) =>
  new Command('bench')
    .description('measure ingest, embedding, related-list latency, recall, start-up and memory')
    .option(
      '--articles <n>',
      'synthetic articles of ~300 words',
      wholeNumber(100, 1_000_000),
      100_000,
    )
    .option('--batch-size <n>', 'articles per ingest batch', wholeNumber(1, 1000), 500)
    .option('--queries <n>', 'related lists timed (distinct ids)', wholeNumber(1, 100_000), 2000)
    .option(
      '--recall-queries <n>',
      'HNSW queries checked against exact search',
      wholeNumber(1, 100_000),
      500,
    )
    .option('--data-dir <path>', 'keep the indexed archive in this (new or empty) folder')
    .option('--json', 'print one JSON object')
    .option('--in-process', 'measure start-up and memory in this process, not a fresh one')
    .action(async (flags: BenchFlags) => {
      const result = await benchInFolder(context, flags);
      context.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${summary(result)}\n`);
    });

async function benchInFolder(context: CliContext, flags: BenchFlags): Promise<BenchResult> {
  const kept = flags.dataDir !== undefined;
  const dataDir = flags.dataDir ?? mkdtempSync(join(tmpdir(), 'morelike-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const config = context.loadConfig({ dataDir, demo: false });
  const log = (message: string) => context.stderr.write(`${message}\n`);
  const progress = createBenchProgress(context.stderr);
  try {
    return await runBench({
      articles: flags.articles,
      vocabulary: readModelVocabulary(config.modelsDir, config.modelId),
      open: () => context.buildServices(config, { log }),
      serve: flags.inProcess
        ? undefined
        : (plan, onProgress) => measureServingInChild(plan, { config, log, onProgress }),
      batchSize: flags.batchSize,
      relatedQueries: Math.min(flags.queries, flags.articles),
      recallQueries: Math.min(flags.recallQueries, flags.articles),
      embedSample: Math.min(10_000, flags.articles),
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
    if (!kept) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** One bar per phase on a terminal; nothing elsewhere (the summary line says it all). */
function createBenchProgress(out: TextOut): {
  update: (phase: BenchPhase, done: number, total: number) => void;
  stop: () => void;
} {
  if (!out.isTTY) {
    return { update: () => {}, stop: () => {} };
  }
  let current: { phase: BenchPhase; bar: cliProgress.SingleBar } | undefined;
  const stop = () => {
    current?.bar.stop();
    current = undefined;
  };
  return {
    update(phase, done, total) {
      if (current?.phase !== phase) {
        stop();
        const bar = new cliProgress.SingleBar(
          {
            stream: out as unknown as NodeJS.WritableStream,
            format: `bench ${phase.padEnd(7)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
        current = { phase, bar };
      }
      current.bar.update(done);
    },
    stop,
  };
}

function summary(r: BenchResult): string {
  return (
    `bench: ${r.articles} articles | ingest ${r.ingestArticlesPerSec}/s ` +
    `(${r.ingestArticlesPerCpuSec}/CPU-s) | embed ${r.embedArticlesPerSec}/s | related p50 ` +
    `${r.relatedP50Ms} ms p99 ${r.relatedP99Ms} ms | recall@10 ${r.recallAt10} | rebuild ` +
    `${r.indexBuildSec} s | lists ready ${r.listsReadySec} s | start ${r.startupMs} ms ` +
    `(${r.startupListsComputed} lists computed) | RSS ${r.rssMb} MB | ${r.seconds} s`
  );
}
