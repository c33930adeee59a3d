/**
 * The CLI's diagnostic lines: how the indexes were opened (loaded, caught up, rebuilt, and why) is
 * what the server logs at info, but at a terminal it is noise around the answer. A command prints
 * those lines to stderr only when MORELIKE_LOG_LEVEL is `debug` or `trace`.
 */
import type { Config } from '../config/env.js';
import type { TextOut } from './cli-context.js';

const VERBOSE: ReadonlySet<Config['logLevel']> = new Set(['debug', 'trace']);

/** A `log` for `buildServices` that writes to `stderr` at debug level, else nothing. */
export function debugLog(stderr: TextOut, config: Config): (message: string) => void {
  if (!VERBOSE.has(config.logLevel)) {
    return () => {};
  }
  return (message) => {
    stderr.write(`${message}\n`);
  };
}
