/** The list of CLI commands, in the order `--help` shows them. */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { backupCommand } from './backup.js';
import { benchCommand } from './bench.js';
import { evalCommand } from './eval.js';
import { migrateCommand } from './migrate.js';
import { modelCommand } from './model.js';
import { reindexCommand } from './reindex.js';
import { relatedCommand } from './related.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';

/**
 * Builds one commander Command. `setExitCode` lets a command report partial success (exit 2)
 * without throwing; a thrown AppError maps to its exit code in `run-cli.ts`.
 */
export type CommandDefinition = (
  context: CliContext,
  setExitCode: (code: number) => void,
) => Command;

export const COMMANDS: readonly CommandDefinition[] = [
  serveCommand,
  reindexCommand,
  relatedCommand,
  evalCommand,
  benchCommand,
  statsCommand,
  backupCommand,
  migrateCommand,
  modelCommand,
];
