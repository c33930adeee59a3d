import { describe, expect, it } from 'vitest';
import { quantizeInt8Rows, toHalf } from './quantize.js';

describe('int8 rows', () => {
  it('keeps each row within half a step of its scale', () => {
    const rows = Float32Array.from([0.5, -1, 0.25, 4, 2, -3]);
    const { values, scales } = quantizeInt8Rows(rows, 3);
    rows.forEach((value, i) => {
      const scale = scales[Math.floor(i / 3)] ?? 0;
      expect(Math.abs((values[i] ?? 0) * scale - value)).toBeLessThanOrEqual(scale / 2 + 1e-7);
    });
    expect(Math.max(...values)).toBe(127);
  });

  it('stores a zero row with a zero scale', () => {
    const { values, scales } = quantizeInt8Rows(new Float32Array(3), 3);
    expect([...values]).toEqual([0, 0, 0]);
    expect(scales[0]).toBe(0);
  });
});

describe('half floats', () => {
  it('encodes exact values and rounds to the nearest half', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.5)).toBe(0x3800);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(0)).toBe(0);
    expect(toHalf(2 ** -24)).toBe(1);
  });
});
