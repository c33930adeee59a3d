/**
 * Long work (rebuilding an index from every stored article) runs in slices of about 10 ms with a
 * turn of the event loop in between, so requests (/healthz, /readyz, reads from memory) are
 * answered meanwhile.
 */

/** Milliseconds of work between two turns of the event loop. */
const SLICE_MS = 10;

/** Resolves on the next turn of the event loop, after pending I/O. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pacer for one long loop: `await pace()` after each item takes a turn of the event loop once
 * the current slice has lasted SLICE_MS (and costs a clock read otherwise).
 */
export function pacer(): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < SLICE_MS) {
      return undefined;
    }
    return pause().then(() => {
      sliceStart = performance.now();
    });
  };
}
