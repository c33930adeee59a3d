/**
 * `morelike model list` (the models in the models folder, their dimensions and size, the default
 * and the configured one marked), `morelike model pull MODEL_ID` (download from the Hugging
 * Face hub at MORELIKE_HUB_URL, with a progress bar on a terminal) and `morelike model train`
 * (see model-train.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { DEFAULT_MODEL_ID } from '../../config/env.js';
import { DEFAULT_STALL_MS, pullModel } from '../../embedding/model-download.js';
import { listModelIds, modelFolder } from '../../embedding/model-files.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../options.js';
import type { CommandDefinition } from './index.js';
import { addTrainCommand } from './model-train.js';

/** The `model` command with its `list` and `pull` subcommands. */
export const modelCommand: CommandDefinition = (context) => {
  const model = new Command('model').description(
    'show local models, download one, or train one on the archive',
  );
  model
    .command('list')
    .description('list the models in the models folder')
    .action(() => listModels(context));
  model
    .command('pull')
    .description('download a model from the Hugging Face hub into the models folder')
    .argument('<MODEL_ID>', 'hub model id, e.g. Xenova/all-MiniLM-L6-v2')
    .option(
      '--timeout <seconds>',
      'give up when no data arrives for this long',
      wholeNumber(1, 3600),
      DEFAULT_STALL_MS / 1000,
    )
    .action((modelId: string, flags: { timeout: number }) => pull(context, modelId, flags));
  addTrainCommand(model, context);
  return model;
};

function listModels(context: CliContext): void {
  const config = context.loadConfig();
  const ids = listModelIds(config.modelsDir);
  if (ids.length === 0) {
    context.stdout.write(`No models in ${config.modelsDir}\n`);
    return;
  }
  for (const id of ids) {
    const folder = modelFolder(config.modelsDir, id);
    const marks = [
      id === DEFAULT_MODEL_ID ? 'default' : '',
      id === config.modelId ? 'configured' : '',
    ].filter(Boolean);
    const columns = [
      id === config.modelId ? '*' : ' ',
      id.padEnd(40),
      `${readDimensions(folder) ?? '?'}d`.padStart(6),
      formatBytes(folderBytes(folder)).padStart(9),
      marks.length > 0 ? `(${marks.join(', ')})` : '',
    ];
    context.stdout.write(`${columns.join('  ').trimEnd()}\n`);
  }
  if (!ids.includes(config.modelId)) {
    context.stdout.write(
      `The configured model ${config.modelId} is not here: run \`morelike model pull ${config.modelId}\`\n`,
    );
  }
}

async function pull(
  context: CliContext,
  modelId: string,
  flags: { timeout: number },
): Promise<void> {
  const config = context.loadConfig();
  const bar = context.stderr.isTTY
    ? new SingleBar({
        stream: context.stderr as unknown as NodeJS.WritableStream,
        format: '{file} [{bar}] {percentage}% {value}/{total} bytes',
        hideCursor: true,
      })
    : undefined;
  try {
    const { folder, files, verified } = await pullModel({
      hubUrl: config.hubUrl,
      modelsDir: config.modelsDir,
      modelId,
      stallMs: flags.timeout * 1000,
      onFile: (file, total) => {
        bar?.stop();
        bar?.start(total, 0, { file });
      },
      onProgress: ({ received }) => bar?.update(received),
    });
    bar?.stop();
    const checked =
      verified.length > 0
        ? `SHA-256 checked: ${verified.join(', ')}; sizes checked: all`
        : 'the hub stated no SHA-256: sizes checked only';
    context.stdout.write(`Pulled ${modelId} into ${folder} (${files.join(', ')}); ${checked}\n`);
  } finally {
    bar?.stop();
  }
}

function readDimensions(folder: string): number | undefined {
  try {
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as {
      hidden_size?: unknown;
      dim?: unknown;
    };
    const value = config.hidden_size ?? config.dim;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

function folderBytes(folder: string): number {
  if (!existsSync(folder)) {
    return 0;
  }
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      total += statSync(join(entry.parentPath, entry.name)).size;
    }
  }
  return total;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1000)} kB`;
}
