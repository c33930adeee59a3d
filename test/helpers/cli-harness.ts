/**
 * A CliContext for CLI tests: captured stdout/stderr, a fixed configuration and a service graph
 * over injected adapters (by default a MemoryStore, FakeEmbedder and fake snapshots shared by
 * every run, so a second run sees what the first stored). Nothing spawns or exits.
 */
import { Readable } from 'node:stream';
import type { CliContext, TextOut } from '../../src/cli/cli-context.js';
import type { Config } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/env.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { type Adapters, buildServicesFrom } from '../../src/services.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createFakeSnapshots, createMemoryListsSnapshots } from './fake-snapshots.js';

/** A text sink that remembers what was written. */
export interface Captured extends TextOut {
  readonly text: () => string;
}

/** A captured, non-TTY output stream. */
export function captured(): Captured {
  const parts: string[] = [];
  return {
    isTTY: false,
    write(text: string) {
      parts.push(text);
      return true;
    },
    text: () => parts.join(''),
  };
}

export interface CliHarness {
  readonly context: CliContext;
  readonly stdout: Captured;
  readonly stderr: Captured;
  readonly adapters: Adapters;
  /** How many service graphs were built and closed. */
  readonly builds: { built: number; closed: number };
}

/** A harness over `adapters` (fakes by default); `stdin` feeds `--input -`. */
export function cliHarness(
  options: {
    dataDir?: string;
    modelsDir?: string;
    store?: ArticleStore;
    embedder?: Embedder;
    stdin?: string;
    adapters?: Adapters;
  } = {},
): CliHarness {
  const stdout = captured();
  const stderr = captured();
  const adapters: Adapters = options.adapters ?? {
    store: options.store ?? createMemoryStore(),
    embedder: options.embedder ?? createFakeEmbedder({ dimensions: 16 }),
    snapshots: createFakeSnapshots(),
    listsSnapshots: createMemoryListsSnapshots(),
  };
  const builds = { built: 0, closed: 0 };
  const config: Config = Object.freeze({
    ...loadConfig({ MORELIKE_DEMO: 'false', MORELIKE_LOG_LEVEL: 'silent' }),
    dataDir: options.dataDir ?? './data-not-used',
    modelsDir: options.modelsDir ?? './models',
  });
  const context: CliContext = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    loadConfig: (overrides = {}) => Object.freeze({ ...config, ...overrides }),
    // The fakes outlive each command, so closing the store a command opened does nothing.
    openStore: () => ({ ...adapters.store, close: async () => {} }),
    version: '9.8.7-test',
    async buildServices(c, buildOptions) {
      builds.built += 1;
      const services = await buildServicesFrom(c, adapters, buildOptions);
      return {
        ...services,
        async close() {
          builds.closed += 1;
          // Fakes outlive the graph so a later run sees the same store; only save the snapshots.
          await services.indexing.close();
        },
      };
    },
  };
  return { context, stdout, stderr, adapters, builds };
}
