/**
 * `morelike migrate --to postgres://...`: copies the SQLite store of MORELIKE_DATA_DIR into a
 * PostgreSQL store as it is (articles, their vectors, text hashes and terms, overrides, the model
 * record): nothing is re-embedded. Articles go in batches, each one transaction; re-running is
 * safe (upserts by id, overrides set again, the model record claimed again and checked), so an
 * interrupted copy is finished by running it again. Progress as `reindex` shows it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Article } from '../../articles/article.js';
import { isPostgresUrl } from '../../config/env.js';
import { AppError } from '../../errors.js';
import type { ArticleRecord, ArticleStore } from '../../store/article-store.js';
import { STORE_FILE } from '../../store/store-file.js';
import type { CliContext } from '../cli-context.js';
import { createCountProgress } from '../count-progress.js';
import type { CommandDefinition } from './index.js';

/** Articles per transaction. */
const BATCH = 500;

const TO_RULE = 'must be postgres://user:password@host:port/database';

/** The records of `articles`, read from `source` as stored (vector, hash, terms). */
async function recordsOf(
  source: ArticleStore,
  articles: readonly Article[],
): Promise<ArticleRecord[]> {
  const hashes = await source.textHashes(articles.map((a) => a.id));
  const records: ArticleRecord[] = [];
  for (const article of articles) {
    const [vector, terms] = await Promise.all([
      source.getVector(article.id),
      source.getTerms(article.id),
    ]);
    const textHash = hashes.get(article.id);
    if (vector !== undefined && terms !== undefined && textHash !== undefined) {
      records.push({ article, vector, terms, textHash });
    }
  }
  return records;
}

/** Copies every article of `source` into `target`, calling `onCopied` with the running count. */
async function copyArticles(
  source: ArticleStore,
  target: ArticleStore,
  onCopied: (copied: number) => void,
): Promise<number> {
  let copied = 0;
  let batch: Article[] = [];
  const flush = async () => {
    await target.upsertMany(await recordsOf(source, batch));
    copied += batch.length;
    batch = [];
    onCopied(copied);
  };
  for await (const article of source.articles()) {
    batch.push(article);
    if (batch.length === BATCH) {
      await flush();
    }
  }
  if (batch.length > 0) {
    await flush();
  }
  return copied;
}

async function copyOverrides(source: ArticleStore, target: ArticleStore): Promise<number> {
  let copied = 0;
  for await (const { id, overrides } of source.overrides()) {
    await target.setOverrides(id, overrides);
    copied += 1;
  }
  return copied;
}

/** Runs the copy; resolves to the summary line. */
export async function migrate(context: CliContext, flags: { to: string }): Promise<string> {
  const config = context.loadConfig();
  if (!isPostgresUrl(flags.to)) {
    throw new AppError('VALIDATION_FAILED', `--to: ${TO_RULE}`);
  }
  const file = join(config.dataDir, STORE_FILE);
  if (!existsSync(file)) {
    throw new AppError('STORAGE_FAILED', `No store to migrate at ${file} (MORELIKE_DATA_DIR)`);
  }
  const started = Date.now();
  const source = await context.openStore({ ...config, storeUrl: undefined });
  try {
    const target = await context.openStore({ ...config, storeUrl: flags.to });
    try {
      const model = await source.vectorModel();
      if (model !== undefined) {
        await target.claimVectorModel(model);
      }
      const progress = createCountProgress(context.stderr, 'migrate', await source.count());
      const articles = await copyArticles(source, target, (n) => progress.update(n));
      progress.stop();
      const overrides = await copyOverrides(source, target);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      return `migrate: ${articles} articles and ${overrides} overrides copied in ${seconds} s`;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** The migrate command. */
export const migrateCommand: CommandDefinition = (context) =>
  new Command('migrate')
    .description('copy the SQLite store into PostgreSQL (no re-embedding; safe to re-run)')
    .requiredOption('--to <url>', 'postgres://user:password@host:port/database')
    .action(async (flags: { to: string }) => {
      context.stdout.write(`${await migrate(context, flags)}\n`);
    });
