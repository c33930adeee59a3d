/**
 * Quality of archive models (research corpora, never copied into the repo): for each labelled
 * corpus, trains an archive model on the corpus itself (or on random subsets of `--sizes`
 * articles), loads it through the real embedder, and prints precision@k and recall@k by plain
 * cosine for the archive model, for TF-IDF (the same analysis and weights, no SVD), for the
 * shipped model, and fused: the archive model with TF-IDF (0.7 / 0.3, `archiveTfidf`) and both
 * models (the mean of their cosines, `both`).
 *
 *   node --import tsx scripts/archive-model-eval.ts [--data ../shared/data]
 *        [--corpora basil:2,bbc:5,ecbplus-dev:5] [--sizes 100,300,1000] [--dims 100] [--repeats 3]
 *        [--sigma-power 0] [--no-shipped]
 *   ... --corpora uk-demo:5 --input corpus.jsonl --related-only: one labelled JSONL file (e.g.
 *        the Ukrainian demo stories inside uk-background-dev, from demo-eval-corpus.ts), lists
 *        of the articles that have related ones only
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Article, parseArticle } from '../src/articles/article.js';
import { createRandom } from '../src/bench/synthetic-corpus.js';
import { SHIPPED_MODEL_ID } from '../src/embedding/model-registry.js';
import { createXenovaEmbedder } from '../src/embedding/xenova-embedder.js';
import { scanCorpus } from '../src/training/corpus.js';
import { keptTerms, tfidfRows } from '../src/training/tfidf.js';
import { trainArchiveModel } from '../src/training/train-archive-model.js';
import { TRAIN_DEFAULTS } from '../src/training/train-table.js';

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

interface Quality {
  readonly precision: number;
  readonly recall: number;
}

/**
 * Mean precision@k and recall@k of the lists `scoresOf(i)` ranks (the item itself left out);
 * with `relatedOnly`, over the items that have a related item (the labelled stories of an
 * archive of otherwise unrelated texts).
 */
function listQuality(
  scoresOf: (i: number) => Float64Array,
  labels: readonly (readonly string[])[],
  k: number,
  relatedOnly: boolean,
): Quality {
  let precision = 0;
  let recall = 0;
  let queries = 0;
  labels.forEach((own, i) => {
    const isRelated = (j: number) => j !== i && labels[j]?.some((l) => own.includes(l)) === true;
    const related = labels.filter((_, j) => isRelated(j)).length;
    if (relatedOnly && related === 0) {
      return;
    }
    const scores = scoresOf(i);
    scores[i] = -Infinity;
    const best = [...scores.keys()]
      .sort((a, b) => (scores[b] as number) - (scores[a] as number))
      .slice(0, k);
    const found = best.filter(isRelated).length;
    precision += found / k;
    recall += related === 0 ? 0 : found / Math.min(k, related);
    queries += 1;
  });
  return { precision: precision / queries, recall: recall / queries };
}

/** Cosine scores of unit vectors. */
function cosineScores(vectors: readonly Float32Array[]): (i: number) => Float64Array {
  return (i) => {
    const query = vectors[i] as Float32Array;
    return Float64Array.from(vectors, (other) =>
      other.reduce((sum, value, d) => sum + value * (query[d] as number), 0),
    );
  };
}

/** TF-IDF cosine scores (the same analysis and weights, no SVD), gathered term by term. */
async function tfidfScores(rows: readonly Labelled[]): Promise<(i: number) => Float64Array> {
  const corpus = await scanCorpus(rows.map((row) => row.article));
  const { column, idf } = keptTerms(corpus, 1);
  const x = tfidfRows(corpus, column, idf);
  // Matrix rows are in id order: `order[row]` is the row's index in `rows`.
  const order = [...corpus.ids.keys()].sort((a, b) =>
    (corpus.ids[a] as string) < (corpus.ids[b] as string) ? -1 : 1,
  );
  const rowOf = new Int32Array(order.length);
  order.forEach((doc, row) => {
    rowOf[doc] = row;
  });
  const postings: { doc: number; value: number }[][] = Array.from({ length: idf.length }, () => []);
  order.forEach((doc, row) => {
    for (let p = x.start[row] as number; p < (x.start[row + 1] as number); p += 1) {
      postings[x.columns[p] as number]?.push({ doc, value: x.values[p] as number });
    }
  });
  return (i) => {
    const scores = new Float64Array(order.length);
    const row = rowOf[i] as number;
    for (let p = x.start[row] as number; p < (x.start[row + 1] as number); p += 1) {
      for (const { doc, value } of postings[x.columns[p] as number] ?? []) {
        scores[doc] = (scores[doc] as number) + value * (x.values[p] as number);
      }
    }
    return scores;
  };
}

/** Scores `weight` a + (1 - weight) b. */
function mixed(
  a: (i: number) => Float64Array,
  b: (i: number) => Float64Array,
  weight: number,
): (i: number) => Float64Array {
  return (i) => {
    const left = a(i);
    const right = b(i);
    return left.map((value, j) => weight * value + (1 - weight) * (right[j] as number));
  };
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
  const sigmaPower = Number(values['sigma-power']);
  const modelsDir = mkdtempSync(join(tmpdir(), 'archive-eval-'));
  try {
    const trained = await trainArchiveModel({
      articles: rows.map((row) => row.article),
      modelsDir,
      modelId: 'archive-eval',
      options: { ...TRAIN_DEFAULTS, dims, sigmaPower },
      now: () => new Date(),
    });
    const labels = rows.map((row) => row.labels);
    const quality = (scores: (i: number) => Float64Array) =>
      listQuality(scores, labels, k, values['related-only']);
    const archiveScores = cosineScores(await embedWith(modelsDir, 'archive-eval', rows));
    const tfidfOf = await tfidfScores(rows);
    const archive = quality(archiveScores);
    const tfidf = quality(tfidfOf);
    // The archive model fused with TF-IDF (0.7 / 0.3), as the probe did.
    const archiveTfidf = quality(mixed(archiveScores, tfidfOf, 0.7));
    if (!withShipped) {
      return { archive, tfidf, archiveTfidf, trainSeconds: trained.seconds };
    }
    const shippedScores = cosineScores(await embedWith('models', SHIPPED_MODEL_ID, rows));
    // Both models: the mean of their cosines (the cosine of the two unit vectors side by side).
    const both = quality(mixed(shippedScores, archiveScores, 0.5));
    const shipped = quality(shippedScores);
    return { archive, tfidf, archiveTfidf, shipped, both, trainSeconds: trained.seconds };
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
    'sigma-power': { type: 'string', default: String(TRAIN_DEFAULTS.sigmaPower) },
    'no-shipped': { type: 'boolean', default: false },
    'related-only': { type: 'boolean', default: false },
    input: { type: 'string' },
  },
});
for (const spec of values.corpora.split(',')) {
  const [name = '', k = '5'] = spec.split(':');
  const rows = readCorpus(values.input ?? join(values.data, name, 'articles.jsonl'));
  const sizes = values.sizes?.split(',').map(Number) ?? [rows.length];
  for (const size of sizes) {
    const repeats = size >= rows.length ? 1 : Number(values.repeats);
    for (let r = 0; r < repeats; r += 1) {
      const random = createRandom(r + 1);
      const sample = size >= rows.length ? rows : shuffle(rows, random).slice(0, size);
      const shipped = sizes.length === 1 && !values['no-shipped'];
      const figures = await measure(sample, Number(k), Number(values.dims), shipped);
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
