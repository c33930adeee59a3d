/**
 * `morelike backup --to PATH [--force]`: a consistent copy of the SQLite store, taken with
 * SQLite's online backup while the server keeps serving and writing. It refuses to overwrite an
 * existing file unless `--force`, and to back up a data folder that holds no store. The index
 * snapshots are not copied: they are rebuilt from the store (or loaded) at start.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../errors.js';
import { STORE_FILE } from '../../store/store-file.js';
import type { CliContext } from '../cli-context.js';
import type { CommandDefinition } from './index.js';

interface BackupFlags {
  readonly to: string;
  readonly force?: boolean;
}

/** Takes the backup; resolves to the line printed on success. */
export async function backup(context: CliContext, flags: BackupFlags): Promise<string> {
  const config = context.loadConfig();
  const to = resolve(flags.to);
  if (config.storeUrl !== undefined) {
    throw new AppError(
      'STORAGE_FAILED',
      'The store is PostgreSQL (MORELIKE_STORE_URL): back it up with pg_dump (see Operations)',
    );
  }
  const source = join(config.dataDir, STORE_FILE);
  if (!existsSync(source)) {
    throw new AppError('STORAGE_FAILED', `No store to back up at ${source} (MORELIKE_DATA_DIR)`);
  }
  if (existsSync(to) && !flags.force) {
    throw new AppError('VALIDATION_FAILED', `--to: ${to} exists; pass --force to replace it`);
  }
  const store = await context.openStore(config);
  try {
    if (!store.backup) {
      throw new AppError('STORAGE_FAILED', 'This store has no file to copy; use its own tools');
    }
    const started = Date.now();
    await store.backup(to);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `backup: ${await store.count()} articles copied to ${to} in ${seconds} s`;
  } finally {
    await store.close();
  }
}

/** The backup command. */
export const backupCommand: CommandDefinition = (context) =>
  new Command('backup')
    .description('copy the SQLite store to PATH, consistently, while the server runs')
    .requiredOption('--to <path>', 'the file to write')
    .option('--force', 'replace the file when it exists')
    .action(async (flags: BackupFlags) => {
      context.stdout.write(`${await backup(context, flags)}\n`);
    });
