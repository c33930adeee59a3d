import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputRecord } from './input-record.js';
import { openInput } from './open-input.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

async function all(records: AsyncIterable<InputRecord>): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const record of records) {
    out.push(record);
  }
  return out;
}

const noStdin = Readable.from([]);

describe('input readers', () => {
  it('reads JSON Lines with line numbers, skipping blank lines and reporting broken ones', async () => {
    const path = file('a.jsonl', '{"id":"a"}\n\n{"id":\n{"id":"c"}\n');
    const records = await all(openInput(path, noStdin).records);
    expect(records).toEqual([
      { line: 1, value: { id: 'a' } },
      { line: 3, error: expect.stringContaining('not valid JSON') },
      { line: 4, value: { id: 'c' } },
    ]);
  });

  it('streams a JSON array element by element with the line each starts on', async () => {
    const path = file(
      'a.json',
      '[\n  {"id":"a","title":"x, [y]"},\n  {"id":"b\\"q"},\n  {"id": tru}\n]\n',
    );
    const records = await all(openInput(path, noStdin).records);
    expect(records).toEqual([
      { line: 2, value: { id: 'a', title: 'x, [y]' } },
      { line: 3, value: { id: 'b"q' } },
      { line: 4, error: expect.stringContaining('not valid JSON') },
    ]);
  });

  it('reports a .json file that is not an array', async () => {
    const records = await all(openInput(file('o.json', '{"id":"a"}'), noStdin).records);
    expect(records).toEqual([{ line: 1, error: expect.stringContaining('not a JSON array') }]);
  });

  it('reads CSV by header names, with tags split on | or ; or given as a JSON array', async () => {
    const path = file(
      'a.csv',
      'id,title,body,tags,extra\n' +
        'a,Storm,"two\nlines",nato|kosovo,x\n' +
        'b,Cup,,"[""sport""]",\n' +
        'c,Bake,,bread; oven,\n',
    );
    const records = await all(openInput(path, noStdin).records);
    expect(records).toEqual([
      {
        line: 2,
        value: {
          id: 'a',
          title: 'Storm',
          body: 'two\nlines',
          tags: ['nato', 'kosovo'],
          extra: 'x',
        },
      },
      { line: 4, value: { id: 'b', title: 'Cup', tags: ['sport'] } },
      { line: 5, value: { id: 'c', title: 'Bake', tags: ['bread', 'oven'] } },
    ]);
  });

  it('reads stdin for - and tells its format from the first character', async () => {
    const jsonl = await all(openInput('-', Readable.from(['{"id":"a"}\n{"id":"b"}\n'])).records);
    expect(jsonl.map((r) => r.line)).toEqual([1, 2]);
    const array = await all(openInput('-', Readable.from(['  [{"id":"a"}]'])).records);
    expect(array).toEqual([{ line: 1, value: { id: 'a' } }]);
    const csv = await all(openInput('-', Readable.from(['id,title\na,Storm\n'])).records);
    expect(csv).toEqual([{ line: 2, value: { id: 'a', title: 'Storm' } }]);
  });

  it('throws INPUT_UNREADABLE naming a missing file or an unknown extension', () => {
    expect(() => openInput(join(root, 'missing.jsonl'), noStdin)).toThrow(
      expect.objectContaining({
        code: 'INPUT_UNREADABLE',
        detail: expect.stringContaining('missing.jsonl'),
      }),
    );
    expect(() => openInput(file('a.txt', 'x'), noStdin)).toThrow(
      expect.objectContaining({ code: 'INPUT_UNREADABLE' }),
    );
  });
});
