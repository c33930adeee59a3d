import { describe, expect, it } from 'vitest';
import { cliHarness } from '../../../test/helpers/cli-harness.js';
import { parseArticle } from '../../articles/article.js';
import { buildServicesFrom } from '../../services.js';
import { runCli } from '../run-cli.js';

const STORY = [
  ['flood-1', 'Storm floods the harbour town as the sea wall gives way'],
  ['flood-2', 'Harbour town floods again after the storm breaks the sea wall'],
  ['cake', 'A recipe for lemon cake with poppy seeds'],
].map(([id, title]) => parseArticle({ id, title, body: `${title}. ${title}.` }));

async function seeded() {
  const h = cliHarness();
  const services = await buildServicesFrom(h.context.loadConfig(), h.adapters, { log: () => {} });
  await services.ingest.upsert(STORY);
  return h;
}

describe('morelike related', () => {
  it('prints the related list as JSON with --json', async () => {
    const h = await seeded();
    const code = await runCli(['related', 'flood-1', '--json', '--limit', '3'], h.context);
    expect(code).toBe(0);
    const list = JSON.parse(h.stdout.text());
    expect(list.source).toEqual({ id: 'flood-1', title: STORY[0]?.title, language: 'en' });
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain('flood-1');
  });

  it('prints a readable list by default', async () => {
    const h = await seeded();
    expect(await runCli(['related', 'flood-1'], h.context)).toBe(0);
    expect(h.stdout.text()).toMatch(/^Related to flood-1: Storm floods/);
  });

  it('prints no index-loading lines at the default log level, and prints them at debug', async () => {
    const h = await seeded();
    const at = (logLevel: 'info' | 'debug') => ({
      ...h.context,
      loadConfig: () => ({ ...h.context.loadConfig(), logLevel }),
    });
    expect(await runCli(['related', 'flood-1'], at('info'))).toBe(0);
    expect(h.stderr.text()).toBe('');
    expect(await runCli(['related', 'flood-1'], at('debug'))).toBe(0);
    expect(h.stderr.text()).toMatch(/^index: /m);
  });

  it('exits 1 with ARTICLE_NOT_FOUND for an unknown id', async () => {
    const h = await seeded();
    expect(await runCli(['related', 'nope'], h.context)).toBe(1);
    expect(h.stderr.text()).toMatch(/^ARTICLE_NOT_FOUND: /m);
  });
});

describe('morelike stats', () => {
  it('prints counts, model and dimensions as JSON, read from the store alone', async () => {
    const h = await seeded();
    expect(await runCli(['stats'], h.context)).toBe(0);
    expect(JSON.parse(h.stdout.text())).toEqual({
      articles: 3,
      indexed: 3,
      model: h.adapters.embedder.modelId,
      dimensions: 16,
      indexGeneration: await h.adapters.store.generation(),
      indexSize: 3,
    });
    // Neither the model nor the indexes were loaded.
    expect(h.builds.built).toBe(0);
    expect(h.stderr.text()).toBe('');
  });

  it('reports the configured model and no dimensions for an empty store', async () => {
    const h = cliHarness();
    expect(await runCli(['stats'], h.context)).toBe(0);
    expect(JSON.parse(h.stdout.text())).toMatchObject({
      articles: 0,
      model: h.context.loadConfig().modelId,
      dimensions: null,
    });
  });
});

describe('morelike --version', () => {
  it('prints the package version and exits 0', async () => {
    const h = cliHarness();
    expect(await runCli(['--version'], h.context)).toBe(0);
    expect(h.stdout.text()).toBe('9.8.7-test\n');
    expect(h.builds.built).toBe(0);
  });
});
