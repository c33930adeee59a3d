/**
 * Generates a tiny model with the BERT input signature (input_ids, attention_mask,
 * token_type_ids -> last_hidden_state) and a small WordPiece tokenizer, in the Hugging Face layout
 * transformers.js loads. Its weights are seeded pseudo-random numbers: it proves the transformer
 * path (padding, masks, chunking, pooling), not meaning.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataType,
  encodeModel,
  initializer,
  node,
  valueInfo,
} from '../../src/static-model/onnx-graph.js';
import {
  modelConfigJson,
  toJsonText,
  tokenizerConfigJson,
  tokenizerJson,
} from '../../src/static-model/tokenizer-files.js';

/** Words and WordPiece continuations of the tiny vocabulary. */
export const TINY_VOCABULARY = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'the',
  'a',
  'of',
  'in',
  'and',
  'to',
  'is',
  'on',
  'for',
  'with',
  '.',
  ',',
  'nato',
  'troops',
  'war',
  'peace',
  'talks',
  'ukraine',
  'russia',
  'army',
  'border',
  'sanction',
  'actor',
  'actress',
  'film',
  'police',
  'drug',
  'doctor',
  'cancer',
  'health',
  'court',
  'city',
  'news',
  'story',
  'day',
  'night',
  'red',
  'blue',
  'green',
  'cat',
  'dog',
  'run',
  'walk',
  'talk',
  '##s',
  '##ed',
  '##ing',
  '##er',
  '##ly',
] as const;

export interface TinyBertOptions {
  /** Longest sequence (special tokens included); small, so bodies get chunked. */
  readonly maxLength?: number;
  readonly hiddenSize?: number;
  /** `onnx/model.onnx` (default) or `onnx/model_quantized.onnx`. */
  readonly quantizedFileName?: boolean;
}

/** The files of a tiny model, by relative path, ready to write or to serve as a fake hub. */
export function tinyBertFiles(options: TinyBertOptions = {}): Map<string, Uint8Array> {
  const maxLength = options.maxLength ?? 16;
  const hidden = options.hiddenSize ?? 8;
  const text = (value: unknown, pretty = true) =>
    new TextEncoder().encode(toJsonText(value, pretty));
  const onnxName = options.quantizedFileName ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  return new Map([
    ['config.json', text(modelConfigJson(hidden, TINY_VOCABULARY.length, maxLength))],
    [
      'tokenizer.json',
      text(
        tokenizerJson({
          vocabulary: TINY_VOCABULARY,
          modelMaxLength: maxLength,
          characterPasses: true,
        }),
        false,
      ),
    ],
    ['tokenizer_config.json', text(tokenizerConfigJson(maxLength))],
    [onnxName, tinyBertOnnx(hidden)],
  ]);
}

/** Writes the tiny model to `<modelsDir>/<modelId>`; returns that folder. */
export function writeTinyBertModel(
  modelsDir: string,
  modelId: string,
  options: TinyBertOptions = {},
): string {
  const folder = join(modelsDir, ...modelId.split('/'));
  for (const [file, data] of tinyBertFiles(options)) {
    mkdirSync(join(folder, file, '..'), { recursive: true });
    writeFileSync(join(folder, file), data);
  }
  return folder;
}

/** hidden = tanh(((E[ids] + T[types]) * mask) W): every input is used, padding rows are zero. */
function tinyBertOnnx(hidden: number): Uint8Array {
  const random = seeded(42);
  const table = (count: number) => Float32Array.from({ length: count }, () => random() - 0.5);
  const rows = TINY_VOCABULARY.length;
  const signature = ['batch_size', 'sequence_length'];
  return encodeModel({
    name: 'tiny_bert',
    inputs: [
      valueInfo('input_ids', DataType.INT64, signature),
      valueInfo('attention_mask', DataType.INT64, signature),
      valueInfo('token_type_ids', DataType.INT64, signature),
    ],
    outputs: [valueInfo('last_hidden_state', DataType.FLOAT, [...signature, hidden])],
    initializers: [
      initializer('word_embeddings', DataType.FLOAT, [rows, hidden], table(rows * hidden)),
      initializer('type_embeddings', DataType.FLOAT, [2, hidden], table(2 * hidden)),
      initializer('dense', DataType.FLOAT, [hidden, hidden], table(hidden * hidden)),
      initializer('mask_axes', DataType.INT64, [1], BigInt64Array.from([2n])),
    ],
    nodes: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words'], { axis: 0 }),
      node('Gather', ['type_embeddings', 'token_type_ids'], ['types'], { axis: 0 }),
      node('Add', ['words', 'types'], ['embedded']),
      node('Cast', ['attention_mask'], ['mask_float'], { to: DataType.FLOAT }),
      node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask_3d']),
      node('Mul', ['embedded', 'mask_3d'], ['masked']),
      node('MatMul', ['masked', 'dense'], ['projected']),
      node('Tanh', ['projected'], ['last_hidden_state']),
    ],
  });
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 0x1_0000_0000;
  };
}
