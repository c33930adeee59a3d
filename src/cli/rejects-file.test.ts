import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeReject, writeRejects } from './rejects-file.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-rejects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const reject = { line: 3, id: 'a', errors: [{ field: 'title', message: 'is required' }] };

describe('rejects file', () => {
  it('goes next to the input', () => {
    const input = join(root, 'in.jsonl');
    expect(writeRejects(input, join(root, 'data'), [reject])).toBe(`${input}.rejects.jsonl`);
    expect(JSON.parse(readFileSync(`${input}.rejects.jsonl`, 'utf8'))).toEqual(reject);
  });

  it('goes into the data folder when the input folder cannot be written', () => {
    const dataDir = join(root, 'data-ro');
    const path = writeRejects('/proc/version', dataDir, [reject]) ?? '';
    expect(path.startsWith(dataDir)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('"line":3');
  });

  it('removes a stale rejects file when a run has no rejects', () => {
    const input = join(root, 'clean.jsonl');
    writeFileSync(`${input}.rejects.jsonl`, 'old');
    expect(writeRejects(input, root, [])).toBeUndefined();
    expect(existsSync(`${input}.rejects.jsonl`)).toBe(false);
  });

  it('describes a reject by line, id and field reasons', () => {
    expect(describeReject(reject)).toBe('line 3 (id a): title: is required');
  });
});
