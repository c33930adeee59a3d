/**
 * `morelike reindex --input PATH [--full] [--batch-size N]`: upserts articles from a .jsonl,
 * .json (array) or .csv file, or `-` for stdin, in batches (one transaction each), with progress
 * on stderr, every reject reported by line and written to a rejects file, and one summary line
 * on stdout. `--full` re-embeds stored articles after a model change and rebuilds the index from
 * the store, swapped in at once. Exit 0 all stored, 2 some rejected, 1 failed.
 */
import { Command } from 'commander';
import { AppError } from '../../errors.js';
import { type Reject, reembedAll, runReindex } from '../../recommend/reindex.js';
import type { Services } from '../../services.js';
import type { CliContext } from '../cli-context.js';
import { debugLog } from '../cli-log.js';
import { EXIT } from '../exit-codes.js';
import { type OpenedInput, openInput } from '../input/open-input.js';
import { wholeNumber } from '../options.js';
import { createProgress } from '../reindex-progress.js';
import { describeReject, writeRejects } from '../rejects-file.js';
import type { CommandDefinition } from './index.js';

/** Rejects printed one by one; the rest are only in the rejects file. */
const PRINTED_REJECTS = 100;

interface ReindexFlags {
  readonly input?: string;
  readonly full?: boolean;
  readonly batchSize: number;
}

/** The reindex command. */
export const reindexCommand: CommandDefinition = (context, setExitCode) =>
  new Command('reindex')
    .description('upsert articles from a file or stdin; --full rebuilds the index from the store')
    .option('--input <path>', 'a .jsonl, .json (array) or .csv file, or - for stdin')
    .option('--full', 'rebuild the whole index from the store (re-embeds after a model change)')
    .option('--batch-size <n>', 'articles per transaction', wholeNumber(1, 10_000), 256)
    .action(async (flags: ReindexFlags) => {
      setExitCode(await reindex(context, flags));
    });

async function reindex(context: CliContext, flags: ReindexFlags): Promise<number> {
  if (flags.input === undefined && !flags.full) {
    throw new AppError('VALIDATION_FAILED', 'reindex needs --input PATH, --full, or both');
  }
  const config = context.loadConfig();
  const input = flags.input === undefined ? undefined : openInput(flags.input, context.stdin);
  const log = (message: string) => context.stderr.write(`${message}\n`);
  const started = Date.now();
  const services = await context.buildServices(config, {
    log: debugLog(context.stderr, config),
    allowModelChange: flags.full === true,
  });
  try {
    if (services.pendingModelChange) {
      await changeModel(services, flags.batchSize, log);
    }
    const parts: string[] = [];
    let exitCode: number = EXIT.ok;
    let rejectsNote = '';
    if (input && flags.input !== undefined) {
      const result = await ingestInput(context, services, input, { ...flags, input: flags.input });
      parts.push(result.summary);
      exitCode = result.exitCode;
      rejectsNote = result.rejectsPath ? `; rejects in ${result.rejectsPath}` : '';
    }
    if (flags.full) {
      await services.indexing.rebuild('reindex --full was asked for');
      parts.push(`index rebuilt from the store (${services.index.size()} vectors)`);
    }
    const seconds = (Date.now() - started) / 1000;
    context.stdout.write(`reindex: ${parts.join('; ')} in ${seconds.toFixed(1)} s${rejectsNote}\n`);
    return exitCode;
  } finally {
    await services.close();
  }
}

async function changeModel(services: Services, batchSize: number, log: (m: string) => void) {
  const from = services.pendingModelChange?.modelId ?? '?';
  log(`reindex: re-embedding every stored article with ${services.embedder.modelId} (was ${from})`);
  const count = await reembedAll(services, batchSize);
  log(`reindex: ${count} articles re-embedded`);
}

async function ingestInput(
  context: CliContext,
  services: Services,
  input: OpenedInput,
  flags: ReindexFlags & { input: string },
): Promise<{ summary: string; exitCode: number; rejectsPath: string | undefined }> {
  const started = Date.now();
  const rejects: Reject[] = [];
  const progress = createProgress(context.stderr, input.totalBytes);
  const counts = await runReindex(input.records, services.ingest, {
    batchSize: flags.batchSize,
    onProgress: (running) => progress.update(running, input.bytesRead()),
    onReject(reject) {
      rejects.push(reject);
      if (rejects.length <= PRINTED_REJECTS) {
        context.stderr.write(`rejected ${describeReject(reject)}\n`);
      }
    },
  }).finally(() => progress.stop());
  const rejectsPath = writeRejects(flags.input, services.config.dataDir, rejects);
  const seconds = (Date.now() - started) / 1000;
  const stored = counts.created + counts.updated + counts.unchanged;
  const rate = Math.round(counts.read / Math.max(seconds, 0.001));
  const summary =
    `${counts.read} read, ${stored} stored (${counts.created} created, ${counts.updated} updated, ` +
    `${counts.unchanged} unchanged), ${counts.rejected} rejected (${rate}/s)`;
  return { summary, exitCode: counts.rejected > 0 ? EXIT.partial : EXIT.ok, rejectsPath };
}
