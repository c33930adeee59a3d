/*
 * Editor page, small helpers shared by its modules: element lookup, debouncing and "latest request
 * wins" cancellation.
 */

/** Delay between the last keystroke and the request it triggers. */
export const DEBOUNCE_MS = 300;

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** Wraps `fn` so it runs once, DEBOUNCE_MS after the last call. */
export function debounce(fn) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, DEBOUNCE_MS);
  };
}

/**
 * A source of abort signals where each new one aborts the previous, so a slow answer to an old
 * query never overwrites the answer to a newer one.
 */
export function latest() {
  let controller = null;
  return {
    next() {
      controller?.abort();
      controller = new AbortController();
      return controller.signal;
    },
    cancel() {
      controller?.abort();
    },
  };
}

/** True for the error of an aborted fetch (superseded, not failed). */
export const isAbort = (error) => error?.name === 'AbortError';
