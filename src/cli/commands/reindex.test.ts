import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHarness } from '../../../test/helpers/cli-harness.js';
import { createFakeEmbedder } from '../../embedding/fake-embedder.js';
import { createMemoryStore } from '../../store/memory-store.js';
import { runCli } from '../run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-reindex-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function input(ext: string, text: string): string {
  n += 1;
  const path = join(root, `input-${n}.${ext}`);
  writeFileSync(path, text);
  return path;
}

const line = (id: string, title = `Title ${id}`) =>
  JSON.stringify({ id, title, body: `Body ${id}` });

describe('morelike reindex', () => {
  it('stores every article of a JSONL file, prints one summary line and exits 0', async () => {
    const h = cliHarness();
    const path = input('jsonl', [line('a'), line('b'), line('c')].join('\n'));
    const code = await runCli(['reindex', '--input', path, '--batch-size', '2'], h.context);
    expect(code).toBe(0);
    expect(await h.adapters.store.count()).toBe(3);
    const summary = h.stdout.text().trim().split('\n');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(
      /^reindex: 3 read, 3 stored \(3 created, 0 updated, 0 unchanged\), 0 rejected \(\d+\/s\) in [\d.]+ s$/,
    );
    expect(existsSync(`${path}.rejects.jsonl`)).toBe(false);
    expect(h.builds).toEqual({ built: 1, closed: 1 });
  });

  it('stores the valid lines of a JSONL file with bad lines, reports each by line and exits 2', async () => {
    const h = cliHarness();
    const path = input(
      'jsonl',
      [line('a'), '{"id": "b", "title": ', JSON.stringify({ id: 'c' }), line('d')].join('\n'),
    );
    const code = await runCli(['reindex', '--input', path], h.context);
    expect(code).toBe(2);
    expect(await h.adapters.store.count()).toBe(2);
    expect(h.stderr.text()).toContain('rejected line 2: not valid JSON');
    expect(h.stderr.text()).toContain('rejected line 3 (id c): title: is required');
    const rejects = readFileSync(`${path}.rejects.jsonl`, 'utf8').trim().split('\n');
    expect(rejects.map((r) => JSON.parse(r).line)).toEqual([2, 3]);
    expect(h.stdout.text()).toContain(`2 rejected`);
    expect(h.stdout.text()).toContain(`rejects in ${path}.rejects.jsonl`);
    // One summary line: the counts, the time, then where the rejects went.
    expect(h.stdout.text().trim().split('\n')).toHaveLength(1);
    expect(h.stdout.text()).toMatch(/ rejected \(\d+\/s\) in \d+\.\d s; rejects in \S+\n$/);
  });

  it('rejects a line whose body nests markup thousands deep and stores the others', async () => {
    const h = cliHarness();
    const deep = JSON.stringify({ id: 'deep', title: 'Deep', body: '<div>'.repeat(3_000) });
    const path = input('jsonl', [line('a'), deep, line('b')].join('\n'));
    const code = await runCli(['reindex', '--input', path], h.context);
    expect(code).toBe(2);
    expect(await h.adapters.store.count()).toBe(2);
    expect(h.stderr.text()).toContain(
      'rejected line 2 (id deep): body: must not nest HTML elements more than 256 deep',
    );
    const rejects = readFileSync(`${path}.rejects.jsonl`, 'utf8').trim().split('\n');
    expect(rejects.map((r) => JSON.parse(r).line)).toEqual([2]);
  });

  it('stores the valid rows of a CSV file with bad rows and names the bad fields', async () => {
    const h = cliHarness();
    const path = input(
      'csv',
      'id,title,body,url,tags\n' +
        'a,Storm hits coast,Rain,https://x.example/a,weather|coast\n' +
        'b,,No title,,\n' +
        'c,Cup final,Goal,ftp://nope,sport\n' +
        'd,Bakery,Bread,,\n',
    );
    const code = await runCli(['reindex', '--input', path], h.context);
    expect(code).toBe(2);
    expect(await h.adapters.store.count()).toBe(2);
    expect((await h.adapters.store.get('a'))?.tags).toEqual(['weather', 'coast']);
    expect(h.stderr.text()).toContain('rejected line 3 (id b): title: is required');
    expect(h.stderr.text()).toContain(
      'rejected line 4 (id c): url: must be an absolute http(s) URL',
    );
  });

  it('reads a JSON array from stdin and writes its rejects into the data folder', async () => {
    const dataDir = join(root, 'data-stdin');
    const stdin = JSON.stringify([{ id: 'a', title: 'A' }, { id: 'b' }]);
    const h = cliHarness({ dataDir, stdin });
    const code = await runCli(['reindex', '--input', '-'], h.context);
    expect(code).toBe(2);
    const match = h.stdout.text().match(/rejects in (\S+)/);
    expect(match?.[1]?.startsWith(dataDir)).toBe(true);
    expect(readFileSync(match?.[1] ?? '', 'utf8')).toContain('"line":1');
  });

  it('finishes an interrupted run without duplicates and without re-embedding', async () => {
    const store = createMemoryStore();
    const embedder = createFakeEmbedder({ dimensions: 16 });
    const all = Array.from({ length: 12 }, (_, i) => line(`a${i}`));
    await runCli(
      ['reindex', '--input', input('jsonl', all.slice(0, 7).join('\n'))],
      cliHarness({ store, embedder }).context,
    );
    const h = cliHarness({ store, embedder });
    const code = await runCli(['reindex', '--input', input('jsonl', all.join('\n'))], h.context);
    expect(code).toBe(0);
    expect(await store.count()).toBe(12);
    expect(embedder.calls).toBe(12);
    expect(h.stdout.text()).toContain('(5 created, 0 updated, 7 unchanged)');
  });

  it('fails with exit 1 and INPUT_UNREADABLE for a missing file', async () => {
    const h = cliHarness();
    const code = await runCli(['reindex', '--input', join(root, 'nope.jsonl')], h.context);
    expect(code).toBe(1);
    expect(h.stderr.text()).toMatch(/^INPUT_UNREADABLE: Cannot read .*nope\.jsonl/);
  });

  it('asks for --input or --full', async () => {
    const h = cliHarness();
    expect(await runCli(['reindex'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('VALIDATION_FAILED');
  });

  it('fails with MODEL_MISMATCH naming --full when the store holds another model', async () => {
    const store = createMemoryStore();
    await runCli(['reindex', '--input', input('jsonl', line('a'))], cliHarness({ store }).context);
    const other = createFakeEmbedder({ dimensions: 8, modelId: 'other-model' });
    const h = cliHarness({ store, embedder: other });
    const code = await runCli(['reindex', '--input', input('jsonl', line('b'))], h.context);
    expect(code).toBe(1);
    expect(h.stderr.text()).toMatch(/^MODEL_MISMATCH: .*morelike reindex --full/);
  });

  it('re-embeds every stored article with the new model on --full and rebuilds the index', async () => {
    const store = createMemoryStore();
    await runCli(
      ['reindex', '--input', input('jsonl', [line('a'), line('b')].join('\n'))],
      cliHarness({ store }).context,
    );
    const other = createFakeEmbedder({ dimensions: 8, modelId: 'other-model' });
    const h = cliHarness({ store, embedder: other });
    const code = await runCli(
      ['reindex', '--full', '--input', input('jsonl', line('c'))],
      h.context,
    );
    expect(code).toBe(0);
    expect(await store.vectorModel()).toEqual({ modelId: 'other-model', dimensions: 8 });
    expect(other.calls).toBe(3);
    expect(h.stdout.text()).toMatch(/index rebuilt from the store \(3 vectors\)/);
    expect(h.stderr.text()).toContain('re-embedding every stored article with other-model');
  });

  it('rebuilds the index from the store alone with --full', async () => {
    const store = createMemoryStore();
    const embedder = createFakeEmbedder({ dimensions: 16 });
    await runCli(
      ['reindex', '--input', input('jsonl', line('a'))],
      cliHarness({ store, embedder }).context,
    );
    const h = cliHarness({ store, embedder });
    expect(await runCli(['reindex', '--full'], h.context)).toBe(0);
    expect(embedder.calls).toBe(1);
    expect(h.stdout.text()).toMatch(/^reindex: index rebuilt from the store \(1 vectors\) in/);
  });
});
