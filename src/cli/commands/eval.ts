/**
 * `morelike eval --input PATH [--k N] [--json]`: quality on a labelled corpus. Indexes the JSONL
 * (Articles plus `labels`) into a throw-away data folder with the service's normal settings and
 * the reindex path, asks every article for its related list of k, and prints the means
 * (precision, recall, nDCG@k, off-topic and empty list shares) and the timing; `--json` prints
 * exactly one JSON object. `--baseline tfidf` also scores plain TF-IDF cosine on the same stored
 * corpus in the same run (keys `baseline*`). Progress goes to stderr, on a terminal only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import type { Article } from '../../articles/article.js';
import { AppError } from '../../errors.js';
import { type EvalCase, type EvalMetrics, evaluateLists } from '../../recommend/evaluate.js';
import { type ReindexRecord, runReindex } from '../../recommend/reindex.js';
import { baselineMetrics } from '../../recommend/tfidf-baseline.js';
import type { Services } from '../../services.js';
import type { ArticleStore } from '../../store/article-store.js';
import type { CliContext, TextOut } from '../cli-context.js';
import { debugLog } from '../cli-log.js';
import { openInput } from '../input/open-input.js';
import { wholeNumber } from '../options.js';
import { createProgress } from '../reindex-progress.js';
import type { CommandDefinition } from './index.js';

const BATCH_SIZE = 256;

interface EvalFlags {
  readonly input: string;
  readonly k: number;
  readonly json?: boolean;
  readonly baseline?: 'tfidf';
}

/** The eval command. */
export const evalCommand: CommandDefinition = (context) =>
  new Command('eval')
    .description('measure related-list quality on a labelled JSONL corpus')
    .requiredOption('--input <path>', 'Article lines (JSONL) with an extra labels: string[]')
    .option('--k <n>', 'list length, 1..50', wholeNumber(1, 50), 5)
    .option('--json', 'print one JSON object')
    .addOption(
      new Option('--baseline <name>', 'also score a classic baseline on the same corpus').choices([
        'tfidf',
      ]),
    )
    .action(async (flags: EvalFlags) => {
      const run = await runEval(context, flags);
      const json = { ...run.metrics, seconds: run.seconds, ...baselineKeys(run.baseline) };
      context.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : formatResult(run));
    });

interface EvalRun {
  readonly metrics: EvalMetrics;
  /** Plain TF-IDF cosine on the same stored corpus, when asked for. */
  readonly baseline?: EvalMetrics | undefined;
  /** Whole run: indexing and every list. */
  readonly seconds: number;
  readonly indexSeconds: number;
  readonly querySeconds: number;
}

async function runEval(context: CliContext, flags: EvalFlags): Promise<EvalRun> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'morelike-eval-'));
  try {
    const config = context.loadConfig({ dataDir, demo: false });
    const services = await context.buildServices(config, {
      log: debugLog(context.stderr, config),
    });
    try {
      const labels = await indexCorpus(context, services, flags.input);
      // Statistics of the whole corpus, whatever lists were computed while it loaded.
      services.indexing.settleStatistics();
      const indexed = Date.now();
      const cases = await askEveryList(context.stderr, services, [...labels.keys()], flags.k);
      const done = Date.now();
      const baseline =
        flags.baseline === 'tfidf'
          ? baselineMetrics(await allArticles(services.store), labels, flags.k)
          : undefined;
      return {
        metrics: evaluateLists(cases, labels, flags.k),
        baseline,
        seconds: round((done - started) / 1000, 2),
        indexSeconds: round((indexed - started) / 1000, 2),
        querySeconds: round((done - indexed) / 1000, 2),
      };
    } finally {
      await services.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Stores the corpus through the reindex path; returns the labels of every stored article. */
async function indexCorpus(
  context: CliContext,
  services: Services,
  path: string,
): Promise<Map<string, readonly string[]>> {
  const input = openInput(path, context.stdin);
  const labels = new Map<string, readonly string[]>();
  async function* withLabels(): AsyncIterable<ReindexRecord> {
    for await (const record of input.records) {
      if ('value' in record) {
        const { id, labels: own } = (record.value ?? {}) as { id?: unknown; labels?: unknown };
        if (typeof id === 'string' && Array.isArray(own)) {
          labels.set(
            id,
            own.filter((label): label is string => typeof label === 'string'),
          );
        }
      }
      yield record;
    }
  }
  const progress = createProgress(context.stderr, input.totalBytes);
  const counts = await runReindex(withLabels(), services.ingest, {
    batchSize: BATCH_SIZE,
    onProgress: (running) => progress.update(running, input.bytesRead()),
  }).finally(() => progress.stop());
  const found = await services.store.getMany([...labels.keys()]);
  const stored = new Map([...labels].filter(([id]) => found.has(id)));
  if (stored.size === 0) {
    throw new AppError('INPUT_UNREADABLE', `No labelled article could be stored from ${path}`);
  }
  if (counts.rejected > 0) {
    context.stderr.write(`eval: ${counts.rejected} records rejected and left out\n`);
  }
  return stored;
}

async function askEveryList(
  out: TextOut,
  services: Services,
  ids: readonly string[],
  k: number,
): Promise<EvalCase[]> {
  const bar = out.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: out as unknown as NodeJS.WritableStream,
          format: 'eval [{bar}] {percentage}% | {value}/{total} lists | ETA {eta_formatted}',
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(ids.length, 0);
  const cases: EvalCase[] = [];
  try {
    for (const id of ids) {
      const list = await services.related.forArticle(id, { limit: k });
      cases.push({ id, shown: list.items.map((item) => item.id) });
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return cases;
}

function formatResult(run: EvalRun): string {
  const m = run.metrics;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const perList = (run.querySeconds * 1000) / Math.max(1, m.articles);
  return [
    `eval: ${m.articles} articles, k=${m.k}`,
    `  precision@${m.k} ${m.precisionAtK.toFixed(3)}  recall@${m.k} ${m.recallAtK.toFixed(3)}  nDCG@${m.k} ${m.ndcgAtK.toFixed(3)}`,
    `  off-topic lists ${pct(m.offTopicListShare)}  empty lists ${pct(m.emptyListShare)} (where a related article exists ${pct(m.emptyMissShare)})`,
    ...(run.baseline
      ? [
          `  baseline tfidf: precision@${m.k} ${run.baseline.precisionAtK.toFixed(3)}  recall@${m.k} ${run.baseline.recallAtK.toFixed(3)}  nDCG@${m.k} ${run.baseline.ndcgAtK.toFixed(3)}  off-topic lists ${pct(run.baseline.offTopicListShare)}`,
        ]
      : []),
    `  ${run.seconds.toFixed(1)} s (indexing ${run.indexSeconds.toFixed(1)} s, lists ${run.querySeconds.toFixed(1)} s, ${perList.toFixed(1)} ms each)`,
    '',
  ].join('\n');
}

/** Every stored article. */
async function allArticles(store: ArticleStore): Promise<Article[]> {
  const articles: Article[] = [];
  for await (const article of store.articles()) {
    articles.push(article);
  }
  return articles;
}

/** The baseline's figures as flat JSON keys (`baseline`, `baselinePrecisionAtK`, ...). */
function baselineKeys(baseline: EvalMetrics | undefined): Record<string, string | number> {
  if (!baseline) {
    return {};
  }
  return {
    baseline: 'tfidf',
    baselinePrecisionAtK: baseline.precisionAtK,
    baselineRecallAtK: baseline.recallAtK,
    baselineNdcgAtK: baseline.ndcgAtK,
    baselineOffTopicListShare: baseline.offTopicListShare,
    baselineEmptyListShare: baseline.emptyListShare,
    baselineEmptyMissShare: baseline.emptyMissShare,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
