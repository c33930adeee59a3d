/**
 * Quick quality and speed check of an embedding model on labelled corpora (research data, never
 * copied into the repo): embeds every article (title + body) of bbc and basil through the real
 * Embedder, ranks the others by plain cosine, and prints precision@5 (bbc) and precision@2 (basil).
 *
 *   node --import tsx scripts/quick-eval-embeddings.ts [--models-dir models] [--model ID]
 *        [--data ../shared/data] [--title-weight 0.3]
 *   ... --throughput [--batch 256]: articles/s for 3,000 articles of exactly 300 words (bbc text)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createXenovaEmbedder } from '../src/embedding/xenova-embedder.js';
import { precisionAtK } from './static-model/eval-metrics.js';

interface LabelledArticle {
  readonly title: string;
  readonly body: string;
  readonly labels: string[];
}

function readCorpus(path: string): LabelledArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LabelledArticle);
}

/** Embeds both corpora with one model; returns the figures. */
export async function evaluateModel(options: {
  modelsDir: string;
  modelId: string;
  dataDir: string;
  titleWeight?: number;
}): Promise<{ bbcP5: number; basilP2: number; articlesPerSec: number }> {
  const embedder = await createXenovaEmbedder({
    modelId: options.modelId,
    modelsDir: options.modelsDir,
    ...(options.titleWeight === undefined
      ? {}
      : { settings: { titleWeight: options.titleWeight } }),
  });
  try {
    const figures: number[] = [];
    let articles = 0;
    let seconds = 0;
    for (const [corpus, k] of [
      ['bbc', 5],
      ['basil', 2],
    ] as const) {
      const rows = readCorpus(join(options.dataDir, corpus, 'articles.jsonl'));
      const started = performance.now();
      const vectors = await embedder.embed(rows);
      seconds += (performance.now() - started) / 1000;
      articles += rows.length;
      figures.push(
        precisionAtK(
          vectors,
          rows.map((row) => row.labels),
          k,
        ),
      );
    }
    return { bbcP5: figures[0] ?? 0, basilP2: figures[1] ?? 0, articlesPerSec: articles / seconds };
  } finally {
    await embedder.dispose();
  }
}

/** Embeds 3,000 articles of 300 words (bbc words, repeated as needed) in batches; articles/s. */
export async function measureThroughput(options: {
  modelsDir: string;
  modelId: string;
  dataDir: string;
  batch: number;
  maxBatchTokens?: number;
}): Promise<{ articles: number; articlesPerSec: number; articlesPerCpuSec: number }> {
  const words = readCorpus(join(options.dataDir, 'bbc', 'articles.jsonl'))
    .flatMap((row) => row.body.split(/\s+/))
    .filter(Boolean);
  const articles = Array.from({ length: 3000 }, (_, i) => {
    const start = (i * 300) % (words.length - 300);
    return {
      title: words.slice(start, start + 8).join(' '),
      body: words.slice(start, start + 300).join(' '),
    };
  });
  const embedder = await createXenovaEmbedder({
    modelId: options.modelId,
    modelsDir: options.modelsDir,
    ...(options.maxBatchTokens === undefined ? {} : { maxBatchTokens: options.maxBatchTokens }),
  });
  try {
    await embedder.embed(articles.slice(0, options.batch));
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < articles.length; i += options.batch) {
      await embedder.embed(articles.slice(i, i + options.batch));
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      articles: articles.length,
      articlesPerSec: articles.length / seconds,
      articlesPerCpuSec: articles.length / cpuSeconds,
    };
  } finally {
    await embedder.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'models-dir': { type: 'string', default: 'models' },
      model: { type: 'string', default: 'morelike-glove-sif-100d' },
      data: { type: 'string', default: '../shared/data' },
      'title-weight': { type: 'string' },
      throughput: { type: 'boolean', default: false },
      batch: { type: 'string', default: '256' },
      'max-batch-tokens': { type: 'string' },
    },
  });
  if (values.throughput) {
    const speed = await measureThroughput({
      modelsDir: values['models-dir'],
      modelId: values.model,
      dataDir: values.data,
      batch: Number(values.batch),
      ...(values['max-batch-tokens'] === undefined
        ? {}
        : { maxBatchTokens: Number(values['max-batch-tokens']) }),
    });
    console.log(JSON.stringify({ model: values.model, batch: Number(values.batch), ...speed }));
    return;
  }
  const titleWeight = values['title-weight'];
  const result = await evaluateModel({
    modelsDir: values['models-dir'],
    modelId: values.model,
    dataDir: values.data,
    ...(titleWeight === undefined ? {} : { titleWeight: Number(titleWeight) }),
  });
  console.log(
    JSON.stringify({ model: values.model, titleWeight: titleWeight ?? 'registry', ...result }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
