/**
 * A CLI process edge for integration tests: the real CLI over the real SQLite store and HNSW
 * snapshots in MORELIKE_DATA_DIR, with the FakeEmbedder in place of the model (fast, and no model
 * files needed). Spawned by the kill-and-resume test; `MORELIKE_TEST_SLOW_MS` slows each batch
 * so the test can kill the process half-way.
 */
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { buildServicesFrom } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';

// biome-ignore lint/style/noProcessEnv: a process edge reads its environment.
const slowMs = Number(process.env.MORELIKE_TEST_SLOW_MS ?? '0');

const context: CliContext = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  loadConfig: (overrides = {}) => Object.freeze({ ...loadConfig(), ...overrides }),
  openStore: (config) => createSqliteStore({ dataDir: config.dataDir }),
  version: '0.0.0-test',
  async buildServices(config, options) {
    const fake = createFakeEmbedder({ dimensions: 32 });
    const embedder = {
      ...fake,
      async embed(inputs: Parameters<typeof fake.embed>[0]) {
        await new Promise((resolve) => setTimeout(resolve, slowMs));
        return fake.embed(inputs);
      },
    };
    return buildServicesFrom(
      config,
      {
        store: createSqliteStore({ dataDir: config.dataDir }),
        embedder,
        snapshots: createIndexSnapshots(join(config.dataDir, 'index')),
      },
      options,
    );
  },
};

process.exitCode = await runCli(process.argv.slice(2), context);
