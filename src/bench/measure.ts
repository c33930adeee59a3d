/**
 * Small measuring helpers for the bench: wall and CPU time of a step, percentiles, rounding, and
 * a seeded sample of ids drawn without replacement (so a list is never asked for twice).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRandom } from './synthetic-corpus.js';

/** Wall seconds and process CPU seconds (every thread) of one step. */
export interface Timing {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** Runs `step` and returns its result with its wall and CPU time. */
export async function timed<T>(step: () => Promise<T> | T): Promise<{ value: T } & Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await step();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** The `p`-quantile (0..1) of `values` (nearest rank); 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** `count` distinct indexes of 0..n-1 in a seeded random order (partial Fisher-Yates). */
export function sampleIndexes(n: number, count: number, seed: number): number[] {
  const random = createRandom(seed);
  const pool = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(n, count);
  for (let i = 0; i < take; i += 1) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, take);
}

/** Resident memory of the process in MB. */
export function rssMb(): number {
  return round(process.memoryUsage().rss / 1_048_576, 0);
}

/**
 * Resident memory after two full garbage collections, so what an earlier phase left for the
 * collector is not counted (the bench exposes `gc` for this, as scripts/soak.ts does).
 */
export function settledRssMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return rssMb();
}
