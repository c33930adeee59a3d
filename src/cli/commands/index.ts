/** The list of CLI commands, in the order `--help` shows them. */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

/**
 * Builds one commander Command. `setExitCode` lets a command report partial success (exit 2)
 * without throwing; a thrown AppError maps to its exit code in `run-cli.ts`.
 */
export type CommandDefinition = (
  context: CliContext,
  setExitCode: (code: number) => void,
) => Command;

export const COMMANDS: readonly CommandDefinition[] = [];
