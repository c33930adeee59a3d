/**
 * Storage formats of the embedding table: int8 with one float scale per row (symmetric, the row's
 * largest magnitude maps to 127), or IEEE half floats. Both decode inside the ONNX graph.
 */

/** Quantizes rows to int8 with a per-row scale: value ≈ q * scale. */
export function quantizeInt8Rows(
  rows: Float32Array,
  dimensions: number,
): { values: Int8Array; scales: Float32Array } {
  const count = rows.length / dimensions;
  const values = new Int8Array(rows.length);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    let max = 0;
    for (let d = 0; d < dimensions; d += 1) {
      max = Math.max(max, Math.abs(rows[i * dimensions + d] ?? 0));
    }
    const scale = max === 0 ? 1 : max / 127;
    scales[i] = max === 0 ? 0 : scale;
    for (let d = 0; d < dimensions; d += 1) {
      values[i * dimensions + d] = Math.round((rows[i * dimensions + d] ?? 0) / scale);
    }
  }
  return { values, scales };
}

const FLOAT_VIEW = new Float32Array(1);
const INT_VIEW = new Uint32Array(FLOAT_VIEW.buffer);

/** One float to IEEE 754 half precision bits (round to nearest even; subnormals kept). */
export function toHalf(value: number): number {
  FLOAT_VIEW[0] = value;
  const bits = INT_VIEW[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 31) {
    return sign | 0x7c00;
  }
  if (exponent <= 0) {
    if (exponent < -10) {
      return sign;
    }
    const full = mantissa | 0x800000;
    const shift = 14 - exponent;
    const half = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    const round = rest > midpoint || (rest === midpoint && (half & 1) === 1) ? 1 : 0;
    return sign | (half + round);
  }
  const half = (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  const round = rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? 1 : 0;
  return sign | (half + round);
}

/** Rows as half floats. */
export function toHalfRows(rows: Float32Array): Uint16Array {
  const out = new Uint16Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    out[i] = toHalf(rows[i] ?? 0);
  }
  return out;
}
