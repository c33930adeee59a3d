/**
 * A few helpers to write small ONNX models with `onnx-proto`: typed initializers, graph inputs and
 * outputs with symbolic dimensions, nodes, and the serialized model (IR 8, opset 13, which the
 * onnxruntime-node bundled with transformers.js 2.17 runs).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used here. */
export const DataType = {
  FLOAT: 1,
  INT8: 3,
  INT64: 7,
  FLOAT16: 10,
} as const;

type TypedData = Float32Array | Int8Array | Uint16Array | BigInt64Array;

/** An initializer (a constant tensor) from raw little-endian data. */
export function initializer(
  name: string,
  dataType: number,
  dims: readonly number[],
  data: TypedData,
): ReturnType<typeof onnx.TensorProto.create> {
  return onnx.TensorProto.create({
    name,
    dataType,
    dims: [...dims],
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

/** A graph input or output: dims are numbers (fixed) or names (symbolic, e.g. `batch`). */
export function valueInfo(
  name: string,
  elemType: number,
  dims: readonly (number | string)[],
): ReturnType<typeof onnx.ValueInfoProto.create> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })),
        },
      },
    },
  });
}

/** A node; integer attributes only (all that Gather, Cast and Unsqueeze need here). */
export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  intAttributes: Readonly<Record<string, number>> = {},
): ReturnType<typeof onnx.NodeProto.create> {
  return onnx.NodeProto.create({
    opType,
    name: `${opType}_${outputs[0] ?? ''}`,
    input: [...inputs],
    output: [...outputs],
    attribute: Object.entries(intAttributes).map(([name, value]) =>
      onnx.AttributeProto.create({ name, i: value, type: onnx.AttributeProto.AttributeType.INT }),
    ),
  });
}

export interface GraphParts {
  readonly name: string;
  readonly nodes: ReturnType<typeof node>[];
  readonly initializers: ReturnType<typeof initializer>[];
  readonly inputs: ReturnType<typeof valueInfo>[];
  readonly outputs: ReturnType<typeof valueInfo>[];
  readonly docString?: string;
}

/** Serializes a model of one graph. */
export function encodeModel(parts: GraphParts): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'morelike',
    producerVersion: '1',
    docString: parts.docString ?? '',
    graph: {
      name: parts.name,
      node: parts.nodes,
      initializer: parts.initializers,
      input: parts.inputs,
      output: parts.outputs,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
