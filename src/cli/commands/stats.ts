/**
 * `morelike stats`: counts, model id, dimensions and index size, as GET /v1/stats (JSON). It reads
 * the store alone, without loading the model or the indexes: an opened index always matches the
 * store (it catches up or is rebuilt at start), so `indexed` and `indexSize` equal `articles`.
 */
import { Command } from 'commander';
import type { Config } from '../../config/env.js';
import type { Stats } from '../../services.js';
import type { ArticleStore } from '../../store/article-store.js';
import type { CommandDefinition } from './index.js';

/** GET /v1/stats' answer, from the store: `dimensions` is null while no vector is stored. */
export type StoreStats = Omit<Stats, 'dimensions'> & {
  readonly dimensions: number | null;
  readonly indexSize: number;
};

/** What a service opened over `store` would report, read from the store alone. */
export async function storeStats(store: ArticleStore, config: Config): Promise<StoreStats> {
  const articles = await store.count();
  const model = await store.vectorModel();
  return {
    articles,
    indexed: articles,
    model: model?.modelId ?? config.modelId,
    dimensions: model?.dimensions ?? null,
    indexGeneration: await store.generation(),
    indexSize: articles,
  };
}

/** The stats command. */
export const statsCommand: CommandDefinition = (context) =>
  new Command('stats')
    .description('print counts, model, dimensions and index size (as GET /v1/stats)')
    .action(async () => {
      const config = context.loadConfig();
      const store = await context.openStore(config);
      try {
        const stats = await storeStats(store, config);
        context.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      } finally {
        await store.close();
      }
    });
