/**
 * Runs the bench's serving half in a fresh Node process (serve-child.ts) with `config`: start-up
 * and resident memory are then those of a service starting on the archive, not of the process
 * that just indexed it. The child's log lines pass through to `log`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Config } from '../config/env.js';
import { AppError } from '../errors.js';
import type { ServingFigures, ServingPlan } from './serving.js';

export interface ChildServingOptions {
  /** The configuration the child opens the services with (its data folder is the archive). */
  readonly config: Config;
  readonly log: (line: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Measures the serving half in a child process; throws INTERNAL_ERROR when it fails. */
export async function measureServingInChild(
  plan: ServingPlan,
  options: ChildServingOptions,
): Promise<ServingFigures> {
  const entry = new URL('./serve-child.ts', import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', entry.pathname], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify({ config: options.config, plan }));
  createInterface({ input: child.stderr }).on('line', options.log);
  let figures: ServingFigures | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [kind, ...rest] = line.split(' ');
    if (kind === 'progress') {
      options.onProgress?.(Number(rest[0]), Number(rest[1]));
    } else if (kind === 'figures') {
      figures = JSON.parse(rest.join(' ')) as ServingFigures;
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || figures === undefined) {
    throw new AppError('INTERNAL_ERROR', `The bench's serving process failed (exit ${code})`);
  }
  return figures;
}
