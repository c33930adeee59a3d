/**
 * `morelike migrate --to postgres://...` through runCli: a real SQLite store copied into a
 * database of the run's throwaway PostgreSQL server, as it is (articles, vectors, text hashes,
 * terms, overrides, the model record; nothing embedded), in several batches; run again, it
 * changes nothing and duplicates nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { all, record } from '../helpers/article-store-contract.js';
import { cliHarness } from '../helpers/cli-harness.js';
import { createDatabase, dropDatabase } from '../helpers/postgres-server.js';

const ARTICLES = 1_100; // three batches of the copy
const dir = mkdtempSync(join(tmpdir(), 'morelike-migrate-'));
const dataDir = join(dir, 'data');
const made: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const url of made) {
    await dropDatabase(url);
  }
});

function cli(): ReturnType<typeof cliHarness> & { context: CliContext } {
  const h = cliHarness({ dataDir });
  const context: CliContext = {
    ...h.context,
    openStore: (config) =>
      config.storeUrl === undefined
        ? createSqliteStore({ dataDir: config.dataDir })
        : createPostgresStore({ url: config.storeUrl }),
  };
  return { ...h, context };
}

/** Everything a store holds, in comparable form. */
async function contents(store: ArticleStore) {
  const ids = (await all(store.articles())).map((a) => a.id);
  return {
    model: await store.vectorModel(),
    articles: await all(store.articles()),
    vectors: (await all(store.vectors())).map((v) => [v.id, Array.from(v.vector)]),
    terms: await all(store.terms()),
    hashes: [...(await store.textHashes(ids))].sort(),
    overrides: await all(store.overrides()),
  };
}

describe('morelike migrate --to', () => {
  it('copies the SQLite store as it is, and a second run changes nothing', async () => {
    const source = createSqliteStore({ dataDir });
    await source.claimVectorModel({ modelId: 'm1', dimensions: 4 });
    const ids = Array.from({ length: ARTICLES }, (_, i) => `m-${i}`);
    await source.upsertMany(ids.map((id, i) => record(id, { section: 'news' }, i)));
    await source.setOverrides('m-1', { pinned: ['m-2'], blocked: ['m-3'] });
    const expected = await contents(source);
    await source.close();

    const url = await createDatabase(inject('postgresAdminUrl'));
    made.push(url);
    const first = cli();
    expect(await runCli(['migrate', '--to', url], first.context)).toBe(0);
    expect(first.stdout.text()).toMatch(/^migrate: 1100 articles and 1 overrides copied in/);
    expect(first.stdout.text() + first.stderr.text()).not.toContain(new URL(url).password);

    const second = cli();
    expect(await runCli(['migrate', '--to', url], second.context)).toBe(0);
    const target = await createPostgresStore({ url });
    expect(await contents(target)).toEqual(expected);
    expect(await target.count()).toBe(ARTICLES);
    await target.close();
  });

  it('refuses a target that is not a PostgreSQL URL, naming the option and not the value', async () => {
    const h = cli();
    expect(await runCli(['migrate', '--to', 'mysql://u:hunter2@db/x'], h.context)).toBe(1);
    expect(h.stderr.text()).toMatch(/VALIDATION_FAILED: --to: must be postgres:\/\//);
    expect(h.stderr.text()).not.toContain('hunter2');
  });
});
