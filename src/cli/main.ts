/**
 * The CLI's process edge: the only CLI file that touches `process`. It builds the CliContext
 * from the real configuration, service graph and standard streams, runs `runCli`, and sets the
 * exit code (never `process.exit`, so pending output is flushed).
 */
import { loadConfig } from '../config/env.js';
import { buildServices } from '../services.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';

const context: CliContext = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  loadConfig: (overrides = {}) => Object.freeze({ ...loadConfig(), ...overrides }),
  buildServices: (config, options) => buildServices(config, options),
  openStore: (config) => createSqliteStore({ dataDir: config.dataDir }),
};

process.exitCode = await runCli(process.argv.slice(2), context);
