/**
 * Quality of archive models (research corpora, never copied into the repo): for each labelled
 * corpus, trains an archive model on the corpus itself (or on random subsets of `--sizes`
 * articles), loads it through the real embedder, and prints precision@k by plain cosine for the
 * archive model, for TF-IDF (the same analysis and weights, no SVD) and for the shipped model.
 *
 *   node --import tsx scripts/archive-model-eval.ts [--data ../shared/data]
 *        [--corpora basil:2,bbc:5,ecbplus-dev:5] [--sizes 100,300,1000] [--dims 100] [--repeats 3]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Article, parseArticle } from '../src/articles/article.js';
import { createRandom } from '../src/bench/synthetic-corpus.js';
import { createXenovaEmbedder } from '../src/embedding/xenova-embedder.js';
import { scanCorpus } from '../src/training/corpus.js';
import { trainArchiveModel } from '../src/training/train-archive-model.js';
import { keptTerms, TRAIN_DEFAULTS, tfidfRows } from '../src/training/train-table.js';
import { precisionAtK } from './static-model/eval-metrics.js';

interface Labelled {
  readonly article: Article;
  readonly labels: string[];
}

function readCorpus(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const { labels, duplicate_of: _d, ...fields } = JSON.parse(line) as Record<string, unknown>;
      return { article: parseArticle(fields), labels: labels as string[] };
    });
}

/** Precision@k of TF-IDF cosine (sparse: scores gathered through each term's articles). */
function tfidfPrecision(rows: readonly Labelled[], k: number): number {
  const corpus = scanCorpus(rows.map((row) => row.article));
  const { column, idf } = keptTerms(corpus, 1);
  const x = tfidfRows(corpus, column, idf);
  // Matrix rows are in id order; labels follow.
  const order = [...corpus.ids.keys()].sort((a, b) =>
    (corpus.ids[a] as string) < (corpus.ids[b] as string) ? -1 : 1,
  );
  const labels = order.map((doc) => rows[doc]?.labels ?? []);
  const postings: { doc: number; value: number }[][] = Array.from({ length: idf.length }, () => []);
  for (let d = 0; d < order.length; d += 1) {
    for (let p = x.start[d] as number; p < (x.start[d + 1] as number); p += 1) {
      postings[x.columns[p] as number]?.push({ doc: d, value: x.values[p] as number });
    }
  }
  let total = 0;
  for (let d = 0; d < order.length; d += 1) {
    const scores = new Float64Array(order.length);
    for (let p = x.start[d] as number; p < (x.start[d + 1] as number); p += 1) {
      for (const { doc, value } of postings[x.columns[p] as number] ?? []) {
        scores[doc] = (scores[doc] as number) + value * (x.values[p] as number);
      }
    }
    scores[d] = -Infinity;
    const best = [...scores.keys()].sort((a, b) => (scores[b] as number) - (scores[a] as number));
    const own = new Set(labels[d]);
    total += best.slice(0, k).filter((j) => labels[j]?.some((l) => own.has(l))).length / k;
  }
  return total / order.length;
}

async function embedWith(modelsDir: string, modelId: string, rows: readonly Labelled[]) {
  const embedder = await createXenovaEmbedder({ modelId, modelsDir });
  try {
    return await embedder.embed(rows.map((row) => row.article));
  } finally {
    await embedder.dispose();
  }
}

async function measure(rows: readonly Labelled[], k: number, dims: number, withShipped: boolean) {
  const modelsDir = mkdtempSync(join(tmpdir(), 'archive-eval-'));
  try {
    const trained = trainArchiveModel({
      articles: rows.map((row) => row.article),
      modelsDir,
      modelId: 'archive-eval',
      options: { ...TRAIN_DEFAULTS, dims },
      now: () => new Date(),
    });
    const labels = rows.map((row) => row.labels);
    const archive = precisionAtK(await embedWith(modelsDir, 'archive-eval', rows), labels, k);
    const tfidf = tfidfPrecision(rows, k);
    const shipped = withShipped
      ? precisionAtK(await embedWith('models', 'morelike-glove-sif-100d', rows), labels, k)
      : undefined;
    return { archive, tfidf, shipped, trainSeconds: trained.seconds };
  } finally {
    rmSync(modelsDir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    corpora: { type: 'string', default: 'basil:2,bbc:5,ecbplus-dev:5' },
    sizes: { type: 'string' },
    dims: { type: 'string', default: String(TRAIN_DEFAULTS.dims) },
    repeats: { type: 'string', default: '3' },
  },
});
for (const spec of values.corpora.split(',')) {
  const [name = '', k = '5'] = spec.split(':');
  const rows = readCorpus(join(values.data, name, 'articles.jsonl'));
  const sizes = values.sizes?.split(',').map(Number) ?? [rows.length];
  for (const size of sizes) {
    const repeats = size >= rows.length ? 1 : Number(values.repeats);
    for (let r = 0; r < repeats; r += 1) {
      const random = createRandom(r + 1);
      const sample = size >= rows.length ? rows : shuffle(rows, random).slice(0, size);
      const figures = await measure(sample, Number(k), Number(values.dims), sizes.length === 1);
      console.log(JSON.stringify({ corpus: name, k: Number(k), size: sample.length, ...figures }));
    }
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
