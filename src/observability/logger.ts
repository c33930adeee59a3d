/**
 * The structured logger: pino writing one JSON object per line. Secrets never reach a log line:
 * authorization headers, API keys and tokens are redacted wherever they appear.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Paths pino censors before writing (any depth we are likely to log). */
export const REDACTED_PATHS = [
  'authorization',
  'apiKey',
  'apiKeys',
  'key',
  'token',
  '*.authorization',
  '*.Authorization',
  '*.apiKey',
  '*.apiKeys',
  '*.key',
  '*.token',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'config.apiKeys',
  'storeUrl',
  'config.storeUrl',
] as const;

export interface LoggerOptions {
  /** pino level name: fatal, error, warn, info, debug, trace or silent. */
  readonly level: string;
  /**
   * Where lines go; standard output by default, written synchronously so the last lines before
   * `process.exit` (shutdown, fatal start errors) are never lost. Tests pass a buffer.
   */
  readonly destination?: DestinationStream;
}

/** Creates the JSON logger with redaction of credentials. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'morelike' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing (unit tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
