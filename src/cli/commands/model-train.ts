/**
 * `morelike model train [--dims N] [--out ID]`: trains a static embedding model on the stored
 * articles (archive LSA, every language of the archive) and writes it into the models folder as
 * a new model, then prints the command that swaps it in (`reindex --full` with the new id).
 */
import type { Command } from 'commander';
import { byPrimaryLanguage } from '../../embedding/model-registry.js';
import { trainArchiveModel } from '../../training/train-archive-model.js';
import { TRAIN_DEFAULTS } from '../../training/train-table.js';
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
    const trained = await trainArchiveModel({
      articles: store.articles(),
      modelsDir: config.modelsDir,
      ...(flags.out === undefined ? {} : { modelId: flags.out }),
      options: { ...TRAIN_DEFAULTS, dims: flags.dims },
      now: () => new Date(),
    });
    const { table } = trained;
    const languages = Object.entries(table.languages)
      .map(([language, count]) => `${language} ${count}`)
      .join(', ');
    const minimum = config.archiveMinArticles;
    const small = Object.entries(byPrimaryLanguage(table.languages)).filter(([, n]) => n < minimum);
    for (const [language, count] of small) {
      context.stderr.write(
        `model train: ${language} has ${count} articles, fewer than the ${minimum} ` +
          'its topics need: the model does not cover it, its lists rank on lexical evidence alone ' +
          'until a training on more\n',
      );
    }
    context.stdout.write(
      `model train: ${trained.modelId} in ${trained.folder}: ${table.articles} articles ` +
        `(${languages}), ${table.terms} stems, ${table.vocabulary.length - 4} word forms, ` +
        `${table.dimensions} dimensions, in ${trained.seconds.toFixed(1)} s\n` +
        `Swap it in: MORELIKE_MODEL=${trained.modelId} morelike reindex --full, ` +
        `and running servers with this models folder follow it without a restart ` +
        `(set MORELIKE_MODEL=${trained.modelId} for the next start)\n`,
    );
  } finally {
    await store.close();
  }
}
