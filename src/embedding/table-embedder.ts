/**
 * The Embedder of a context-free model from its token table: tokenize (the fast WordPiece
 * tokenizer, or the general one), plan the framed sequences, pool each from the table, put the
 * articles back together. No ONNX session is needed, so it serves the table read from a model at
 * load and the table from the prepared-model cache alike, with the same vectors bit for bit.
 */
import { AppError } from '../errors.js';
import { type SequenceFrame, windowSizeFor } from './chunking.js';
import { type Embedder, type EmbeddingInput, guardedEmbed } from './embedder.js';
import type { ModelSettings } from './model-registry.js';
import { assembleArticles, planInputs } from './sequence-plan.js';
import { poolFromTable } from './table-pooling.js';
import type { TokenTable } from './token-table.js';

export interface TableEmbedderOptions {
  readonly modelId: string;
  readonly settings: ModelSettings;
  /** Token ids of a text without special tokens. */
  readonly encode: (text: string) => number[];
  readonly frame: SequenceFrame;
  readonly table: TokenTable;
}

/** Embeds from `options.table`; a probe checks that it gives a vector of the table's width. */
export function createTableEmbedder(options: TableEmbedderOptions): Embedder {
  const { modelId, settings, table } = options;
  const window = windowSizeFor(options.frame, settings.maxTokens);
  const embedAll = (inputs: readonly EmbeddingInput[]): Float32Array[] => {
    const sequences = planInputs(inputs, options.encode, options.frame, window);
    const pooled = poolFromTable(table, settings, sequences, modelId);
    return assembleArticles(inputs.length, pooled, settings.titleWeight, table.dims);
  };
  const [probe] = embedAll([{ title: 'probe', body: 'the model reports its dimensions' }]);
  if (probe?.length !== table.dims || table.dims === 0) {
    throw new AppError('EMBEDDING_FAILED', `Model "${modelId}" produced no vector`);
  }
  return {
    modelId,
    dimensions: table.dims,
    embed: guardedEmbed(modelId, embedAll),
    async dispose() {},
  };
}
