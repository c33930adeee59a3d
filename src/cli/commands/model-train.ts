/**
 * `morelike model train [--dims N] [--out ID]`: trains a static embedding model on the stored
 * articles (archive LSA, every language of the archive) and writes it into the models folder as
 * a new model, then prints the command that swaps it in (`reindex --full` with the new id).
 */
import type { Command } from 'commander';
import type { Article } from '../../articles/article.js';
import { trainArchiveModel } from '../../training/train-archive-model.js';
import { MIN_ARCHIVE_ARTICLES, TRAIN_DEFAULTS } from '../../training/train-table.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../options.js';

interface TrainFlags {
  readonly dims: number;
  readonly out?: string;
}

/** Adds `train` to the `model` command. */
export function addTrainCommand(model: Command, context: CliContext): void {
  model
    .command('train')
    .description('train a static embedding model on the stored articles (every language)')
    .option('--dims <n>', 'dimensions, 2..300', wholeNumber(2, 300), TRAIN_DEFAULTS.dims)
    .option('--out <id>', 'the new model id, archive-... (default archive-<UTC date-time>)')
    .action((flags: TrainFlags) => train(context, flags));
}

async function train(context: CliContext, flags: TrainFlags): Promise<void> {
  const config = context.loadConfig();
  const store = await context.openStore(config);
  try {
    context.stderr.write(`model train: reading ${await store.count()} articles\n`);
    const articles: Article[] = [];
    for await (const article of store.articles()) {
      articles.push(article);
    }
    const trained = trainArchiveModel({
      articles,
      modelsDir: config.modelsDir,
      ...(flags.out === undefined ? {} : { modelId: flags.out }),
      options: { ...TRAIN_DEFAULTS, dims: flags.dims },
      now: () => new Date(),
    });
    const { table } = trained;
    const languages = Object.entries(table.languages)
      .map(([language, count]) => `${language} ${count}`)
      .join(', ');
    const small = Object.entries(table.languages).filter(([, n]) => n < MIN_ARCHIVE_ARTICLES);
    for (const [language, count] of small) {
      context.stderr.write(
        `model train: ${language} has ${count} articles, fewer than the ${MIN_ARCHIVE_ARTICLES} ` +
          'its topics need: its lexical evidence should carry alone until it has more\n',
      );
    }
    context.stdout.write(
      `model train: ${trained.modelId} in ${trained.folder}: ${table.articles} articles ` +
        `(${languages}), ${table.terms} stems, ${table.vocabulary.length - 4} word forms, ` +
        `${table.dimensions} dimensions, in ${trained.seconds.toFixed(1)} s\n` +
        `Swap it in: MORELIKE_MODEL=${trained.modelId} morelike reindex --full, ` +
        `then restart the server with MORELIKE_MODEL=${trained.modelId}\n`,
    );
  } finally {
    await store.close();
  }
}
