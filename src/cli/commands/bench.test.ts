import { describe, expect, it } from 'vitest';
import { cliHarness } from '../../../test/helpers/cli-harness.js';
import { runCli } from '../run-cli.js';

// The serving half runs in this process: the fakes of the harness cannot cross into a child.
const SMALL = [
  '--in-process',
  '--articles',
  '300',
  '--queries',
  '40',
  '--recall-queries',
  '30',
  '--batch-size',
  '64',
];

describe('morelike bench', () => {
  it('prints one JSON object with every contract figure with --json', async () => {
    const h = cliHarness();
    expect(await runCli(['bench', '--json', ...SMALL], h.context)).toBe(0);
    const lines = h.stdout.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '');
    expect(result).toMatchObject({ articles: 300, recallAt10: 1 });
    for (const key of [
      'ingestArticlesPerSec',
      'embedArticlesPerSec',
      'relatedP50Ms',
      'relatedP99Ms',
      'indexBuildSec',
      'rssMb',
      'startupMs',
      'listsReadySec',
    ]) {
      expect(typeof result[key], key).toBe('number');
      expect(result[key], key).toBeGreaterThanOrEqual(0);
    }
    expect(result.relatedP99Ms).toBeGreaterThanOrEqual(result.relatedP50Ms);
    // The serving process answered every list from the lists saved by the ingesting one.
    expect(result.startupListsComputed).toBe(0);
    expect(h.builds).toEqual({ built: 2, closed: 2 });
  }, 30_000);

  it('stores the synthetic archive through ingest and leaves it in the store', async () => {
    const h = cliHarness();
    expect(await runCli(['bench', '--json', ...SMALL], h.context)).toBe(0);
    expect(await h.adapters.store.count()).toBe(300);
    expect((await h.adapters.store.get('bench-0000299'))?.body.split(' ')).toHaveLength(300);
  });

  it('prints one summary line by default', async () => {
    const h = cliHarness();
    expect(await runCli(['bench', ...SMALL], h.context)).toBe(0);
    expect(h.stdout.text()).toMatch(/^bench: 300 articles \| ingest \d+\/s .* recall@10 1 .*\n$/);
  });

  it('rejects a non-numeric --articles with exit 1', async () => {
    const h = cliHarness();
    expect(await runCli(['bench', '--articles', 'many'], h.context)).toBe(1);
    expect(h.stderr.text()).toMatch(/--articles/);
  });
});
