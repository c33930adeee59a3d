import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices } from '../../test/helpers/fake-services.js';
import { DEMO_CORPUS, loadDemoCorpus, parseCorpus } from './demo-loader.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'morelike-demo-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo loader', () => {
  it('loads every valid line into an empty store and counts the bad ones', async () => {
    const path = join(dir, 'corpus.jsonl');
    await writeFile(
      path,
      '{"id":"d1","title":"One"}\n\n{"id":"d2","title":"Two"}\n{"id":"d3"}\nnot json\n',
    );
    const services = await createFakeServices();
    expect(await loadDemoCorpus(services, path)).toEqual({ loaded: 2, rejected: 2 });
    expect(await services.store.count()).toBe(2);
    expect(services.index.has('d2')).toBe(true);
  });

  it('never touches a store that holds articles', async () => {
    const path = join(dir, 'corpus.jsonl');
    await writeFile(path, '{"id":"d1","title":"One"}\n');
    const services = await createFakeServices({ articles: [{ id: 'mine', title: 'Mine' }] });
    expect(await loadDemoCorpus(services, path)).toMatchObject({ skipped: 'store-not-empty' });
    expect(await services.store.get('d1')).toBeUndefined();
  });

  it('reports a missing corpus instead of failing', async () => {
    const services = await createFakeServices();
    expect(await loadDemoCorpus(services, join(dir, 'none.jsonl'))).toMatchObject({
      loaded: 0,
      skipped: 'corpus-missing',
    });
  });

  it('parses the bundled corpus without a rejected line', async () => {
    const { articles, rejected } = parseCorpus(await readFile(DEMO_CORPUS, 'utf8'));
    expect(rejected).toBe(0);
    expect(articles.length).toBeGreaterThanOrEqual(150);
  });
});
