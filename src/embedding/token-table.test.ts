import { describe, expect, it } from 'vitest';
import { meanPool } from './pooling.js';
import { createTokenTable, type RunTokens, readTokenTable } from './token-table.js';

const DIMS = 4;
const ROWS = 10;

/** Row `id` of a table: half floats (exact in 16 bits) or values that need 32 bits. */
const halfRow = (id: number) => [id * 0.25, -id / 8, 1 / 1024, id === 0 ? 0 : 2 ** -20 * id];
const fullRow = (id: number) => halfRow(id).map((value) => value + 0.1);

function tableData(row: (id: number) => number[]): Float32Array {
  return Float32Array.from(
    { length: ROWS * DIMS },
    (_, i) => row(Math.floor(i / DIMS))[i % DIMS] ?? 0,
  );
}

/** The model's output for `rows` (padded with id 0), as a context-free lookup produces it. */
function lookupRun(data: Float32Array, shift = 0): RunTokens {
  return async (rows) => {
    const length = Math.max(...rows.map((ids) => ids.length));
    const out = new Float32Array(rows.length * length * DIMS);
    rows.forEach((ids, r) => {
      ids.forEach((id, t) => {
        for (let d = 0; d < DIMS; d += 1) {
          // `shift` makes the output depend on the position: a model with context.
          out[(r * length + t) * DIMS + d] = (data[id * DIMS + d] ?? 0) + shift * t;
        }
      });
    });
    return { data: out, length, dims: DIMS };
  };
}

const SEQUENCES = [[1, 2, 3], [9], [0, 0, 5, 7, 7, 7, 2], []];

describe('createTokenTable', () => {
  for (const [kind, row] of [
    ['half-float', halfRow],
    ['full-float', fullRow],
  ] as const) {
    it(`mean-pools a ${kind} table exactly as meanPool pools the model output`, async () => {
      const data = tableData(row);
      const table = createTokenTable(data, ROWS, DIMS);
      const out = await lookupRun(data)(SEQUENCES);
      SEQUENCES.forEach((ids, r) => {
        const expected = meanPool(out.data, r, out.length, DIMS, ids.length);
        const pooled = table.pool(ids, 'mean');
        expect([...(pooled ?? [])].every((v, d) => Object.is(v, expected[d]))).toBe(true);
      });
    });
  }

  it('cls-pools to the first row', () => {
    const data = tableData(fullRow);
    const pooled = createTokenTable(data, ROWS, DIMS).pool([3, 1], 'cls');
    expect([...(pooled ?? [])]).toEqual([...data.subarray(3 * DIMS, 4 * DIMS)]);
  });

  it('pools no sequence holding an id outside the table', () => {
    const table = createTokenTable(tableData(halfRow), ROWS, DIMS);
    expect(table.pool([1, ROWS], 'mean')).toBeUndefined();
    expect(table.pool([-1], 'cls')).toBeUndefined();
  });
});

describe('readTokenTable', () => {
  it('reads a context-free model into a table that pools as the model does', async () => {
    const data = tableData(halfRow);
    const table = await readTokenTable(lookupRun(data), ROWS);
    expect(table).toMatchObject({ rows: ROWS, dims: DIMS });
    expect([...(table?.pool([4], 'mean') ?? [])]).toEqual([...data.subarray(4 * DIMS, 5 * DIMS)]);
  });

  it('refuses a model whose token vectors depend on their position', async () => {
    expect(await readTokenTable(lookupRun(tableData(halfRow), 1), ROWS)).toBeUndefined();
  });

  it('refuses a model of unknown size', async () => {
    expect(await readTokenTable(lookupRun(tableData(halfRow)), 0)).toBeUndefined();
  });
});
