import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeServices,
  STORY_ARTICLES,
  testConfig,
} from '../../../test/helpers/fake-services.js';
import type { Config } from '../../config/env.js';
import type { CliContext } from '../cli-context.js';
import { runCli } from '../run-cli.js';

function sink() {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

describe('morelike eval', () => {
  let dir: string;
  let input: string;
  let dataDirs: string[];
  let context: CliContext & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-test-'));
    input = join(dir, 'labelled.jsonl');
    const lines = STORY_ARTICLES.map((article) =>
      JSON.stringify({ ...article, labels: [article.section === 'local' ? 'flood' : article.id] }),
    );
    writeFileSync(input, `${lines.join('\n')}\n`);
    dataDirs = [];
    context = {
      stdout: sink(),
      stderr: sink(),
      stdin: new PassThrough(),
      loadConfig(overrides: Partial<Config> = {}) {
        dataDirs.push(overrides.dataDir ?? '');
        return testConfig(overrides);
      },
      buildServices: (config: Config) => createFakeServices({ config }),
      openStore: () => {
        throw new Error('eval needs the full services');
      },
      version: '0.0.0-test',
    };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly one JSON object with the contract keys', async () => {
    const code = await runCli(['eval', '--input', input, '--k', '2', '--json'], context);
    expect(code).toBe(0);
    const result = JSON.parse(context.stdout.text()) as Record<string, number>;
    expect(Object.keys(result).sort()).toEqual(
      [
        'articles',
        'emptyListShare',
        'emptyMissShare',
        'k',
        'ndcgAtK',
        'offTopicListShare',
        'precisionAtK',
        'recallAtK',
        'seconds',
      ].sort(),
    );
    expect(result.articles).toBe(STORY_ARTICLES.length);
    expect(result.k).toBe(2);
  });

  it('finds every copy of the story told three times, first', async () => {
    await runCli(['eval', '--input', input, '--k', '2', '--json'], context);
    const result = JSON.parse(context.stdout.text()) as Record<string, number>;
    expect(result.recallAtK).toBe(1);
    expect(result.ndcgAtK).toBe(1);
  });

  it('indexes into a throw-away data folder and removes it afterwards', async () => {
    await runCli(['eval', '--input', input, '--json'], context);
    expect(dataDirs).toHaveLength(1);
    expect(dataDirs[0]).toContain('morelike-eval-');
    expect(existsSync(dataDirs[0] ?? '')).toBe(false);
  });

  it('prints a readable summary without --json', async () => {
    expect(await runCli(['eval', '--input', input], context)).toBe(0);
    expect(context.stdout.text()).toMatch(/precision@5 \d\.\d{3}/);
    expect(context.stdout.text()).toMatch(/empty lists/);
  });

  it('scores plain TF-IDF on the same corpus with --baseline tfidf', async () => {
    const code = await runCli(
      ['eval', '--input', input, '--k', '2', '--json', '--baseline', 'tfidf'],
      context,
    );
    expect(code).toBe(0);
    const result = JSON.parse(context.stdout.text()) as Record<string, number | string>;
    expect(result.baseline).toBe('tfidf');
    expect(result.baselineRecallAtK).toBe(1);
    expect(result.precisionAtK).toBeGreaterThan(0);
  });

  it('rejects an unknown baseline by name', async () => {
    const code = await runCli(['eval', '--input', input, '--baseline', 'bm25'], context);
    expect(code).not.toBe(0);
    expect(context.stderr.text()).toMatch(/baseline/);
  });
});
