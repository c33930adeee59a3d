import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHarness } from '../../../test/helpers/cli-harness.js';
import { topicArchive } from '../../../test/helpers/topic-corpus.js';
import { runCli } from '../run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-model-train-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A harness whose store holds the generated archive (stored through `reindex`). */
async function withArchive(count: number) {
  n += 1;
  const modelsDir = join(root, `models-${n}`);
  const h = cliHarness({ modelsDir });
  const input = join(root, `archive-${n}.jsonl`);
  const lines = topicArchive(count).map((article) => JSON.stringify(article));
  writeFileSync(input, `${lines.join('\n')}\n`);
  expect(await runCli(['reindex', '--input', input], h.context)).toBe(0);
  return { h, modelsDir };
}

describe('morelike model train', () => {
  it('trains a model on the stored articles and says how to swap it in', async () => {
    const { h, modelsDir } = await withArchive(60);
    const code = await runCli(
      ['model', 'train', '--dims', '5', '--out', 'archive-test'],
      h.context,
    );
    expect(code).toBe(0);
    expect(h.stdout.text()).toMatch(
      /model train: archive-test in \S+: 60 articles \(en 48, uk 12\), \d+ stems, \d+ word forms, 5 dimensions/,
    );
    expect(h.stdout.text()).toContain('MORELIKE_MODEL=archive-test morelike reindex --full');
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
    ]) {
      expect(existsSync(join(modelsDir, 'archive-test', file))).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(modelsDir, 'archive-test', 'config.json'), 'utf8'));
    expect(config.hidden_size).toBe(5);
    expect(h.stderr.text()).toContain('model train: uk has 12 articles, fewer than the 400');
  });

  it('names a new model after the UTC date and time when --out is not given', async () => {
    const { h } = await withArchive(20);
    expect(await runCli(['model', 'train', '--dims', '4'], h.context)).toBe(0);
    expect(h.stdout.text()).toMatch(/model train: archive-\d{8}-\d{6} in /);
  });

  it('refuses an --out that is no archive id, and one that exists, changing nothing', async () => {
    const { h, modelsDir } = await withArchive(20);
    expect(await runCli(['model', 'train', '--out', 'my-model'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('VALIDATION_FAILED: --out: must start with "archive-"');
    expect(existsSync(modelsDir)).toBe(false);
    expect(await runCli(['model', 'train', '--out', 'archive-a', '--dims', '4'], h.context)).toBe(
      0,
    );
    const before = readFileSync(join(modelsDir, 'archive-a', 'onnx', 'model.onnx'));
    expect(await runCli(['model', 'train', '--out', 'archive-a'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('exists already');
    expect(readFileSync(join(modelsDir, 'archive-a', 'onnx', 'model.onnx'))).toEqual(before);
  });

  it('refuses an empty archive with a clear error', async () => {
    const h = cliHarness({ modelsDir: join(root, 'models-empty') });
    expect(await runCli(['model', 'train'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('The archive holds 0 articles');
  });

  it('rejects --dims outside 2..300', async () => {
    const h = cliHarness({ modelsDir: join(root, 'models-dims') });
    expect(await runCli(['model', 'train', '--dims', '1'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('--dims');
  });
});
