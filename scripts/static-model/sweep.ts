/**
 * The experiment behind the shipped model's settings: builds variants of the static model into a
 * temp folder (GloVe read once) and measures each with quick-eval-embeddings (bbc P@5, basil P@2).
 *
 *   node --import tsx scripts/static-model/sweep.ts [--data ../shared/data] [--only name,name]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateModel } from '../quick-eval-embeddings.js';
import { loadGlove } from './glove-source.js';
import { type StaticModelOptions, writeStaticModel } from './write-model.js';

const BASE: StaticModelOptions = {
  vocabularySize: 100_000,
  a: 1e-3,
  common: 'pc1',
  unitWords: false,
  format: 'int8',
  maxTokens: 8192,
};

/** Variant name -> its difference from BASE. */
const VARIANTS: Record<string, Partial<StaticModelOptions>> = {
  'unweighted-100k': { a: 1e3, common: 'none' },
  'sif1e-3-none-100k': { common: 'none' },
  'sif1e-3-pc1-100k': {},
  'sif1e-3-mean-100k': { common: 'mean' },
  'sif3e-4-pc1-100k': { a: 3e-4 },
  'sif1e-4-pc1-100k': { a: 1e-4 },
  'sif1e-4-mean-100k': { a: 1e-4, common: 'mean' },
  'sif3e-5-pc1-100k': { a: 3e-5 },
  'sif1e-5-pc1-100k': { a: 1e-5 },
  'sif1e-3-pc1-unit-100k': { unitWords: true },
  'sif1e-3-pc1-50k': { vocabularySize: 50_000 },
  'sif1e-3-pc1-150k': { vocabularySize: 150_000 },
  'sif1e-3-pc1-100k-fp16': { format: 'fp16' },
  'sif1e-4-pc1-80k-fp16': { a: 1e-4, vocabularySize: 80_000, format: 'fp16' },
  'sif1e-4-pc1-90k-fp16': { a: 1e-4, vocabularySize: 90_000, format: 'fp16' },
};

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    only: { type: 'string' },
    'title-weight': { type: 'string' },
  },
});
const only = values.only?.split(',');
const source = loadGlove();
const root = mkdtempSync(join(tmpdir(), 'morelike-sweep-'));
try {
  for (const [name, change] of Object.entries(VARIANTS)) {
    if (only && !only.includes(name)) {
      continue;
    }
    writeStaticModel(source, { ...BASE, ...change }, join(root, name));
    const tw = values['title-weight'];
    const result = await evaluateModel({
      modelsDir: root,
      modelId: name,
      dataDir: values.data,
      ...(tw === undefined ? {} : { titleWeight: Number(tw) }),
    });
    console.log(JSON.stringify({ variant: name, ...result }));
    rmSync(join(root, name), { recursive: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
