/**
 * The static model's ONNX graph: `input_ids` [batch, sequence] -> `last_hidden_state`
 * [batch, sequence, dimensions], one row lookup per token. int8 tables decode as
 * Cast(Gather(values)) * Gather(scales); half-float tables as Cast(Gather(values)).
 */
import { DataType, encodeModel, initializer, node, valueInfo } from './onnx-graph.js';

/** The table as stored in the model. */
export type StoredTable =
  | { readonly kind: 'int8'; readonly values: Int8Array; readonly scales: Float32Array }
  | { readonly kind: 'fp16'; readonly values: Uint16Array }
  | { readonly kind: 'fp32'; readonly values: Float32Array };

/** Serializes the lookup model for a table of `rows` x `dimensions`. */
export function encodeStaticModel(
  table: StoredTable,
  rows: number,
  dimensions: number,
  docString: string,
): Uint8Array {
  const inputs = [valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length'])];
  const outputs = [
    valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', dimensions]),
  ];
  const base = { name: 'static_embedding', inputs, outputs, docString };
  if (table.kind === 'fp32') {
    return encodeModel({
      ...base,
      initializers: [initializer('table', DataType.FLOAT, [rows, dimensions], table.values)],
      nodes: [node('Gather', ['table', 'input_ids'], ['last_hidden_state'], { axis: 0 })],
    });
  }
  if (table.kind === 'fp16') {
    return encodeModel({
      ...base,
      initializers: [initializer('table', DataType.FLOAT16, [rows, dimensions], table.values)],
      nodes: [
        node('Gather', ['table', 'input_ids'], ['rows_half'], { axis: 0 }),
        node('Cast', ['rows_half'], ['last_hidden_state'], { to: DataType.FLOAT }),
      ],
    });
  }
  return encodeModel({
    ...base,
    initializers: [
      initializer('table', DataType.INT8, [rows, dimensions], table.values),
      initializer('scales', DataType.FLOAT, [rows, 1], table.scales),
    ],
    nodes: [
      node('Gather', ['table', 'input_ids'], ['rows_int8'], { axis: 0 }),
      node('Cast', ['rows_int8'], ['rows_float'], { to: DataType.FLOAT }),
      node('Gather', ['scales', 'input_ids'], ['row_scales'], { axis: 0 }),
      node('Mul', ['rows_float', 'row_scales'], ['last_hidden_state']),
    ],
  });
}
