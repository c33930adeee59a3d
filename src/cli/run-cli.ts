/**
 * The CLI as a pure function: `runCli(argv, context)` parses arguments with commander, runs one
 * command and returns its exit code. It never exits or touches `process`; `main.ts` does that.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.js';
import type { CliContext } from './cli-context.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

/** Runs the CLI with `argv` (without the node and script names) and resolves to the exit code. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('morelike')
    .description('"More like this" for news sites: related articles, same story first.')
    .version(context.version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  for (const define of COMMANDS) {
    const command = define(context, (code) => {
      exitCode = code;
    });
    program.addCommand(inheritSettings(command, program));
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, context);
  }
}

/**
 * `addCommand` does not pass settings down; without the exit override a bad option in any
 * subcommand (or sub-subcommand) would call process.exit.
 */
function inheritSettings(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const child of command.commands) {
    inheritSettings(child, command);
  }
  return command;
}

function reportFailure(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; commander already printed the message.
    return error.exitCode === 0 ? EXIT.ok : EXIT.failed;
  }
  if (isAppError(error)) {
    context.stderr.write(`${error.code}: ${error.detail}\n`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`INTERNAL_ERROR: ${message}\n`);
  return EXIT.failed;
}
