import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL_JSON_FILES, onnxFileFor } from './model-files.js';
import {
  modelFilesKey,
  type PreparedModel,
  preparedModelFile,
  readPreparedModel,
  writePreparedModel,
} from './prepared-model.js';
import { createTokenTable } from './token-table.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'morelike-prepared-'));
  folders.push(made);
  return made;
}

/** A model folder with the files a load reads (contents made up). */
function modelFolder(): string {
  const made = folder();
  mkdirSync(join(made, 'onnx'));
  for (const name of [...MODEL_JSON_FILES, onnxFileFor(false)]) {
    writeFileSync(join(made, name), `contents of ${name}`);
  }
  return made;
}

const HALF = Float32Array.from({ length: 12 }, (_, i) => i * 0.25 - 1);
const FULL = Float32Array.from({ length: 12 }, (_, i) => i * 0.1 - 1);

function prepared(values: Float32Array): PreparedModel {
  return {
    table: createTokenTable(values, 4, 3),
    leading: [101],
    trailing: [102],
    checks: [['Hello, World!', [7, 8, 9]]],
  };
}

describe('the prepared model cache', () => {
  for (const [kind, values] of [
    ['half-float', HALF],
    ['float32', FULL],
  ] as const) {
    it(`reads back a ${kind} table, its frame and its checks as written`, () => {
      const file = join(folder(), 'model.prepared');
      writePreparedModel(file, 'key-1', prepared(values));
      const loaded = readPreparedModel(file, 'key-1');
      if (!loaded.ok) {
        throw new Error(loaded.reason);
      }
      const { table, leading, trailing, checks } = loaded.prepared;
      expect([table.rows, table.dims, leading, trailing]).toEqual([4, 3, [101], [102]]);
      expect(checks).toEqual([['Hello, World!', [7, 8, 9]]]);
      expect(table.pool([0, 3], 'mean')).toEqual(
        createTokenTable(values, 4, 3).pool([0, 3], 'mean'),
      );
    });
  }

  it('says why when there is no file', () => {
    const loaded = readPreparedModel(join(folder(), 'absent.prepared'), 'key-1');
    expect(loaded).toMatchObject({ ok: false, reason: expect.stringMatching(/no prepared/) });
  });

  it('ignores a file of other model files (a stale key)', () => {
    const file = join(folder(), 'model.prepared');
    writePreparedModel(file, 'key-1', prepared(HALF));
    expect(readPreparedModel(file, 'key-2')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/other model files/),
    });
  });

  it('ignores a torn file and one with a changed byte', () => {
    const file = join(folder(), 'model.prepared');
    writePreparedModel(file, 'key-1', prepared(FULL));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.byteLength - 5));
    expect(readPreparedModel(file, 'key-1')).toMatchObject({ ok: false });
    const flipped = Buffer.from(bytes);
    flipped[flipped.byteLength - 3] = (flipped[flipped.byteLength - 3] ?? 0) ^ 0xff;
    writeFileSync(file, flipped);
    expect(readPreparedModel(file, 'key-1')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/checksum/),
    });
    writeFileSync(file, bytes.subarray(0, 10));
    expect(readPreparedModel(file, 'key-1')).toMatchObject({ ok: false });
  });

  it('ignores a file of another format version', () => {
    const file = join(folder(), 'model.prepared');
    writePreparedModel(file, 'key-1', prepared(HALF));
    const bytes = readFileSync(file);
    bytes.writeUInt32LE(999, 8);
    writeFileSync(file, bytes);
    expect(readPreparedModel(file, 'key-1')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/version 999/),
    });
  });

  it('keys the model files by content: any changed file gives another key', async () => {
    const model = modelFolder();
    const key = modelFilesKey(model, false);
    expect(modelFilesKey(model, false)).toBe(key);
    for (const name of [...MODEL_JSON_FILES, onnxFileFor(false)]) {
      const before = readFileSync(join(model, name));
      writeFileSync(join(model, name), Buffer.concat([before, Buffer.from(' ')]));
      expect(modelFilesKey(model, false)).not.toBe(key);
      writeFileSync(join(model, name), before);
    }
    expect(modelFilesKey(model, false)).toBe(key);
  });

  it('keys big model files without waiting a turn of a busy event loop per chunk', async () => {
    const model = modelFolder();
    writeFileSync(join(model, onnxFileFor(false)), Buffer.alloc(16 * 1024 * 1024, 7));
    // A start's list sweep: other work between every turn of the event loop.
    let turns = 0;
    let busy = true;
    const spin = () => {
      turns += 1;
      if (busy) {
        setImmediate(spin);
      }
    };
    setImmediate(spin);
    modelFilesKey(model, false);
    busy = false;
    expect(turns).toBeLessThan(10);
  });

  it('names one file per model id, safe as a file name', () => {
    expect(preparedModelFile('/data/index', 'Xenova/all-MiniLM-L6-v2')).toBe(
      join('/data/index', 'model-Xenova_all-MiniLM-L6-v2.prepared'),
    );
  });
});
