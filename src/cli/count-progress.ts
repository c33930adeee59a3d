/**
 * Progress over a known number of items (`migrate`): a cli-progress bar with rate and ETA when a
 * person watches (the stream is a TTY), otherwise one line every few seconds, as `reindex` does.
 */
import cliProgress from 'cli-progress';
import type { TextOut } from './cli-context.js';

export interface CountProgress {
  /** `done` of the total so far. */
  update(done: number): void;
  stop(): void;
}

const LOG_EVERY_MS = 5000;

/** A bar named `label` on a terminal, periodic `label: done/total` lines elsewhere. */
export function createCountProgress(out: TextOut, label: string, total: number): CountProgress {
  const started = Date.now();
  const rate = (n: number) => Math.round(n / Math.max(0.001, (Date.now() - started) / 1000));
  if (out.isTTY && total > 0) {
    const bar = new cliProgress.SingleBar(
      {
        stream: out as unknown as NodeJS.WritableStream,
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update: (done) => bar.update(done, { rate: rate(done) }),
      stop: () => bar.stop(),
    };
  }
  let lastLog = started;
  return {
    update(done) {
      if (Date.now() - lastLog >= LOG_EVERY_MS) {
        lastLog = Date.now();
        out.write(`${label}: ${done}/${total} (${rate(done)}/s)\n`);
      }
    },
    stop() {},
  };
}
