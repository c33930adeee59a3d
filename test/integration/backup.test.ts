/**
 * `morelike backup --to PATH` through runCli over a real SQLite store: the copy opens as a store
 * with the same articles, an existing file is kept unless `--force`, and a data folder without a
 * store is refused rather than backed up empty.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { cliHarness } from '../helpers/cli-harness.js';

let dir = '';
let dataDir = '';

function context(folder: string): ReturnType<typeof cliHarness> & { cli: CliContext } {
  const h = cliHarness({ dataDir: folder });
  const cli: CliContext = {
    ...h.context,
    openStore: (config) => createSqliteStore({ dataDir: config.dataDir }),
  };
  return { ...h, cli };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'morelike-backup-'));
  dataDir = join(dir, 'data');
  const store = createSqliteStore({ dataDir });
  await store.upsertMany(
    ['a', 'b', 'c'].map((id) => ({
      article: parseArticle({ id, title: `Title ${id}` }),
      terms: { [id]: 1 },
      textHash: `h-${id}`,
      vector: new Float32Array([1, 0, 0]),
    })),
  );
  await store.close();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a backup file as the store of a fresh data folder. */
function openCopy(file: string) {
  const restored = join(dir, `restored-${Date.now()}`);
  mkdirSync(restored);
  copyFileSync(file, join(restored, 'morelike.sqlite'));
  return createSqliteStore({ dataDir: restored });
}

describe('morelike backup', () => {
  it('writes a copy that opens as a store with every article', async () => {
    const h = context(dataDir);
    const to = join(dir, 'copy.sqlite');
    expect(await runCli(['backup', '--to', to], h.cli)).toBe(0);
    expect(h.stdout.text()).toMatch(/^backup: 3 articles copied to .*copy\.sqlite in \d/);
    const copy = openCopy(to);
    expect(await copy.count()).toBe(3);
    expect((await copy.get('b'))?.title).toBe('Title b');
    expect(await copy.getVector('c')).toEqual(new Float32Array([1, 0, 0]));
    await copy.close();
  });

  it('keeps an existing file unless --force, then replaces it', async () => {
    const to = join(dir, 'exists.sqlite');
    writeFileSync(to, 'keep me');
    const refused = context(dataDir);
    expect(await runCli(['backup', '--to', to], refused.cli)).toBe(1);
    expect(refused.stderr.text()).toMatch(/^VALIDATION_FAILED: --to: .*exists; pass --force/);
    expect(readFileSync(to, 'utf8')).toBe('keep me');

    const forced = context(dataDir);
    expect(await runCli(['backup', '--to', to, '--force'], forced.cli)).toBe(0);
    const copy = openCopy(to);
    expect(await copy.count()).toBe(3);
    await copy.close();
  });

  it('refuses a data folder without a store and creates nothing', async () => {
    const empty = join(dir, 'nothing-here');
    const h = context(empty);
    const to = join(dir, 'empty.sqlite');
    expect(await runCli(['backup', '--to', to], h.cli)).toBe(1);
    expect(h.stderr.text()).toMatch(/^STORAGE_FAILED: No store to back up at /);
    expect(existsSync(to)).toBe(false);
    expect(existsSync(empty)).toBe(false);
  });

  it('names the target when it cannot be written', async () => {
    const h = context(dataDir);
    const to = join(dir, 'no-such-folder', 'copy.sqlite');
    expect(await runCli(['backup', '--to', to], h.cli)).toBe(1);
    expect(h.stderr.text()).toMatch(/^STORAGE_FAILED: Cannot write the backup to .*copy\.sqlite/);
  });
});
