/**
 * Long synchronous work written as a generator that yields now and then (rebuilding an index
 * from every stored article): run to the end at once where nothing else waits (the CLI, tests),
 * or in slices at start-up, so the event loop answers /healthz and /readyz in between.
 */

/** Work that yields between pieces and returns `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) {
      return next.value;
    }
  }
}

/**
 * Runs `steps` in slices of about `sliceMs`, awaiting `pause` (a turn of the event loop)
 * between slices.
 */
export async function runStepsYielding<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  sliceMs = 10,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) {
      return next.value;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
