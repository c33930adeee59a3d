/** `morelike stats`: counts, model id, dimensions and index size, as GET /v1/stats (JSON). */
import { Command } from 'commander';
import type { CommandDefinition } from './index.js';

/** The stats command. */
export const statsCommand: CommandDefinition = (context) =>
  new Command('stats')
    .description('print counts, model, dimensions and index size (as GET /v1/stats)')
    .action(async () => {
      const config = context.loadConfig();
      const log = (message: string) => context.stderr.write(`${message}\n`);
      const services = await context.buildServices(config, { log });
      try {
        const stats = { ...services.stats(), indexSize: services.index.size() };
        context.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      } finally {
        await services.close();
      }
    });
