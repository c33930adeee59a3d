/**
 * `morelike related ID [--limit N] [--json]`: the "More like this" list of a stored article,
 * as a readable table or (with --json) exactly the HTTP answer's JSON.
 */
import { Command } from 'commander';
import type { RelatedList } from '../../recommend/types.js';
import { debugLog } from '../cli-log.js';
import { wholeNumber } from '../options.js';
import type { CommandDefinition } from './index.js';

/** The related command. */
export const relatedCommand: CommandDefinition = (context) =>
  new Command('related')
    .description('print the related list of a stored article')
    .argument('<ID>', 'the article id')
    .option('--limit <n>', 'items to show, 1..50', wholeNumber(1, 50), 6)
    .option('--json', 'print the JSON answer of GET /v1/articles/:id/related')
    .action(async (id: string, flags: { limit: number; json?: boolean }) => {
      const config = context.loadConfig();
      const services = await context.buildServices(config, {
        log: debugLog(context.stderr, config),
      });
      try {
        const list = await services.related.forArticle(id, { limit: flags.limit });
        context.stdout.write(flags.json ? `${JSON.stringify(list)}\n` : formatList(list));
      } finally {
        await services.close();
      }
    });

/** The list as text: one line per item, score, id, title and reasons. */
export function formatList(list: RelatedList): string {
  const lines = [`Related to ${list.source.id ?? '(draft)'}: ${list.source.title}`];
  if (list.items.length === 0) {
    lines.push('  (no related article above the relevance threshold)');
  }
  list.items.forEach((item, i) => {
    const pin = item.pinned ? ' [pinned]' : '';
    const why = item.reasons.length > 0 ? `  (${item.reasons.join(', ')})` : '';
    lines.push(
      `${String(i + 1).padStart(3)}. ${item.score.toFixed(2)}  ${item.id}  ${item.title}${pin}${why}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
