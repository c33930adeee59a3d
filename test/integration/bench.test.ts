/**
 * `morelike bench` end to end over a real SQLite store, HNSW index and worker threads, with the
 * serving half in a fresh process as the CLI runs it.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/env.js';
import { buildServices } from '../../src/services.js';
import { captured } from '../helpers/cli-harness.js';

describe('morelike bench with the real services', () => {
  it('prints the contract figures for a small archive', async () => {
    const stdout = captured();
    const stderr = captured();
    const base = loadConfig({ MORELIKE_EMBED_THREADS: '1', MORELIKE_LOG_LEVEL: 'silent' });
    const context: CliContext = {
      stdout,
      stderr,
      stdin: Readable.from([]),
      loadConfig: (overrides = {}) => Object.freeze({ ...base, ...overrides }),
      buildServices: (config, options) => buildServices(config, options),
      openStore: () => {
        throw new Error('bench builds the full services');
      },
      version: '0.0.0-test',
    };
    const argv = ['bench', '--json', '--articles', '400', '--batch-size', '100'];
    const code = await runCli([...argv, '--queries', '50', '--recall-queries', '50'], context);
    expect(stderr.text()).not.toMatch(/INTERNAL_ERROR|EMBEDDING_FAILED/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.text());
    expect(result).toMatchObject({ articles: 400, embedThreads: 1 });
    expect(result.recallAt10).toBeGreaterThanOrEqual(0.9);
    expect(result.ingestArticlesPerSec).toBeGreaterThan(0);
    expect(result.embedArticlesPerSec).toBeGreaterThan(0);
    expect(result.relatedP99Ms).toBeGreaterThanOrEqual(result.relatedP50Ms);
    expect(result.startupMs).toBeGreaterThan(0);
    // The bench's own rebuild must not leave the saved lists stale for the serving half.
    expect(result.startupListsComputed).toBe(0);
  }, 180_000);
});
