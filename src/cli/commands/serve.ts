/**
 * `morelike serve [--port N] [--host H]`: the HTTP service, as `npm start` runs it. Resolves when
 * the server has shut down (SIGTERM/SIGINT) with exit code 0, or 1 when it could not start.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { Config } from '../../config/env.js';
import { runServer } from '../../server.js';
import type { CommandDefinition } from './index.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a whole number 0..65535');
  }
  return port;
}

/** The serve command. */
export const serveCommand: CommandDefinition = (context, setExitCode) =>
  new Command('serve')
    .description('run the HTTP service (what `npm start` runs)')
    // addCommand does not pass these down: without them a bad option would exit the process.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .option('--port <n>', 'port to listen on (default PORT or 3000)', parsePort)
    .option('--host <host>', 'address to bind (default HOST or 127.0.0.1)')
    .action(async (options: { port?: number; host?: string }) => {
      const overrides: Partial<Config> = {
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.host === undefined ? {} : { host: options.host }),
      };
      const config = context.loadConfig(overrides);
      setExitCode(
        await runServer(config, { build: (c, log) => context.buildServices(c, { log }) }),
      );
    });
