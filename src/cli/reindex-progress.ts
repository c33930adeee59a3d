/**
 * Progress of `reindex`: a cli-progress bar with rate and ETA when a person watches (stderr is a
 * TTY), otherwise one log line every few seconds, so CI logs and cron mails stay short.
 */
import cliProgress from 'cli-progress';
import type { ReindexCounts } from '../recommend/reindex.js';
import type { TextOut } from './cli-context.js';

export interface Progress {
  update(counts: Readonly<ReindexCounts>, bytesRead: number): void;
  stop(): void;
}

const LOG_EVERY_MS = 5000;

/** A bar on a terminal, periodic lines elsewhere; `totalBytes` enables the percentage and ETA. */
export function createProgress(out: TextOut, totalBytes: number | undefined): Progress {
  const started = Date.now();
  const rate = (n: number) => Math.round(n / Math.max(0.001, (Date.now() - started) / 1000));
  if (out.isTTY && totalBytes !== undefined && totalBytes > 0) {
    const bar = new cliProgress.SingleBar(
      {
        stream: out as unknown as NodeJS.WritableStream,
        format: 'reindex [{bar}] {percentage}% | {read} read | {rate}/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { read: 0, rate: 0 });
    return {
      update: (counts, bytes) => bar.update(bytes, { read: counts.read, rate: rate(counts.read) }),
      stop: () => bar.stop(),
    };
  }
  let lastLog = started;
  return {
    update(counts) {
      if (Date.now() - lastLog < LOG_EVERY_MS) {
        return;
      }
      lastLog = Date.now();
      const stored = counts.created + counts.updated + counts.unchanged;
      out.write(
        `reindex: ${counts.read} read, ${stored} stored, ${counts.rejected} rejected (${rate(counts.read)}/s)\n`,
      );
    },
    stop() {},
  };
}
