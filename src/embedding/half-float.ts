/**
 * IEEE half floats (16 bits) for the token table: the float32 value of every code, and the codes
 * of a float32 array whose values are all exactly half floats (a static model's table stored as
 * half floats, decoded by its graph, is; most other tables are not).
 */

/** The float32 value of every 16-bit IEEE half-float code. */
export const HALF_VALUES = (() => {
  const values = new Float32Array(65_536);
  for (let code = 0; code < 65_536; code += 1) {
    const sign = code & 0x8000 ? -1 : 1;
    const exponent = (code >> 10) & 0x1f;
    const mantissa = code & 0x3ff;
    const magnitude =
      exponent === 0
        ? mantissa * 2 ** -24
        : exponent === 31
          ? mantissa === 0
            ? Number.POSITIVE_INFINITY
            : Number.NaN
          : (1 + mantissa / 1024) * 2 ** (exponent - 15);
    values[code] = sign * magnitude;
  }
  return values;
})();

/** The half-float codes of `data`, or undefined when a value is no finite half float. */
export function toHalfCodes(data: Float32Array): Uint16Array | undefined {
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const codes = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    const code = halfCode(bits[i] as number);
    if (code < 0 || !Object.is(HALF_VALUES[code], data[i])) {
      return undefined;
    }
    codes[i] = code;
  }
  return codes;
}

/** The half-float code of the float32 with `bits` when it is one exactly (-1 when not). */
function halfCode(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127;
  const mantissa = bits & 0x7fffff;
  if (exponent === -127 && mantissa === 0) {
    return sign;
  }
  if (exponent >= -14 && exponent <= 15) {
    return mantissa & 0x1fff ? -1 : sign | ((exponent + 15) << 10) | (mantissa >>> 13);
  }
  if (exponent >= -24 && exponent < -14) {
    // A subnormal half: the significand with its leading one, shifted to units of 2^-24.
    const shift = 13 + (-14 - exponent);
    const significand = mantissa | 0x800000;
    return significand & ((1 << shift) - 1) ? -1 : sign | (significand >>> shift);
  }
  return -1;
}
