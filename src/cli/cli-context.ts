/**
 * What every CLI command receives: output streams and factories for the services it needs.
 * The process edge (`main.ts`) fills it with the real adapters; tests fill it with fakes and
 * capture the output, so no command touches `process` itself.
 */
import type { Config } from '../config/env.js';
import type { BuildOptions, Services } from '../services.js';
import type { ArticleStore } from '../store/article-store.js';

/** A text sink: process.stdout in production, a buffer in tests. */
export interface TextOut {
  write(text: string): unknown;
  /** True when a person watches (progress bars only then). */
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  /** Standard input, for `reindex --input -`. */
  readonly stdin: NodeJS.ReadableStream;
  /** The validated configuration (throws CONFIG_INVALID when the environment is bad). */
  loadConfig(overrides?: Partial<Config>): Config;
  /** Builds the full service graph for `config`; the caller closes it. */
  buildServices(config: Config, options?: BuildOptions): Promise<Services>;
  /**
   * Opens the store of `config` alone: no model, no index (read-only commands such as `stats`,
   * which then take a fraction of a second): PostgreSQL at `config.storeUrl` when set, else
   * SQLite in the data folder. The caller closes it.
   */
  openStore(config: Config): ArticleStore | Promise<ArticleStore>;
  /** The package version, for `--version`. */
  readonly version: string;
}
