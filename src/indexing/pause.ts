/**
 * A turn of the event loop, taken now and then by long work (rebuilding an index from every
 * stored article), so requests (/healthz, /readyz, reads from memory) are answered in between.
 */

/** Items handled between two pauses of a long loop. */
export const STEP = 256;

/** Resolves on the next turn of the event loop, after pending I/O. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
