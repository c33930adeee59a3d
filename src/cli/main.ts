/**
 * The CLI's process edge: the only CLI file that touches `process`. It builds the CliContext
 * from the real configuration, service graph and standard streams, runs `runCli`, and sets the
 * exit code (never `process.exit`, so pending output is flushed). The service graph (model
 * runtime, index libraries) is imported only when a command builds it, so `--version` and
 * `stats` start without loading it.
 */
import { loadConfig } from '../config/env.js';
import { packageVersion } from '../package-version.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';

const context: CliContext = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  loadConfig: (overrides = {}) => Object.freeze({ ...loadConfig(), ...overrides }),
  buildServices: async (config, options) =>
    (await import('../services.js')).buildServices(config, options),
  openStore: async (config) =>
    config.storeUrl === undefined
      ? createSqliteStore({ dataDir: config.dataDir })
      : (await import('../store/postgres-store.js')).createPostgresStore({ url: config.storeUrl }),
  version: packageVersion(),
};

process.exitCode = await runCli(process.argv.slice(2), context);
