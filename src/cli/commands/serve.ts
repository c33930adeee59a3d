/**
 * `morelike serve [--port N] [--host H]`: the HTTP service, as `npm start` runs it. Resolves when
 * the server has shut down (SIGTERM/SIGINT) with exit code 0, or 1 when it could not start.
 */
import { Command } from 'commander';
import type { Config } from '../../config/env.js';
import { wholeNumber } from '../options.js';
import type { CommandDefinition } from './index.js';

/** The serve command. */
export const serveCommand: CommandDefinition = (context, setExitCode) =>
  new Command('serve')
    .description('run the HTTP service (what `npm start` runs)')
    .option('--port <n>', 'port to listen on (default PORT or 3000)', wholeNumber(0, 65_535))
    .option('--host <host>', 'address to bind (default HOST or 127.0.0.1)')
    .action(async (options: { port?: number; host?: string }) => {
      const overrides: Partial<Config> = {
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.host === undefined ? {} : { host: options.host }),
      };
      const config = context.loadConfig(overrides);
      // Imported here: the server pulls in the whole service graph, which other commands skip.
      const { runServer } = await import('../../server.js');
      setExitCode(
        await runServer(config, { build: (c, log) => context.buildServices(c, { log }) }),
      );
    });
