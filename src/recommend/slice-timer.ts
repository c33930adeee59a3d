/**
 * Scheduling the background's next slice of list work (list-work.ts) without losing a millisecond
 * between slices when it may run at once.
 */
/**
 * Runs `run` after `ms` milliseconds; with 0, once pending I/O has been handled (setImmediate):
 * a zero timeout waits a whole millisecond, a fifth of the background's time between 4 ms slices.
 */
export function later(run: () => void, ms: number): { cancel(): void } {
  if (ms <= 0) {
    const handle = setImmediate(run);
    return { cancel: () => clearImmediate(handle) };
  }
  const handle = setTimeout(run, ms);
  return { cancel: () => clearTimeout(handle) };
}
