/**
 * The one closed catalogue of error codes and the AppError that carries them.
 * Knows nothing about HTTP or exit codes: the edges (`http/problem.ts`, `cli/exit-codes.ts`)
 * map each code with an exhaustive switch, so adding a code here fails `tsc` until both handle it.
 */

/** Every error code morelike can report, with its human title. Codes are stable: renaming one is a breaking change. */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: 'The input breaks a rule',
  ID_MISMATCH: 'The id in the body differs from the id in the path',
  ARTICLE_NOT_FOUND: 'No article with this id',
  ROUTE_NOT_FOUND: 'No such route',
  METHOD_NOT_ALLOWED: 'Method not allowed on this route',
  AUTH_REQUIRED: 'This request needs an API key',
  AUTH_INVALID: 'The API key is not valid',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  BATCH_TOO_LARGE: 'The batch holds too many items',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  RATE_LIMITED: 'Too many requests',
  INDEX_NOT_READY: 'The model or index is still loading',
  MODEL_NOT_FOUND: 'The model is not in the models folder',
  MODEL_MISMATCH: 'The data was built with another model',
  MODEL_DOWNLOAD_FAILED: 'The model could not be downloaded',
  DIMENSION_MISMATCH: 'The vector has the wrong number of dimensions',
  EMBEDDING_FAILED: 'The article could not be embedded',
  STORAGE_FAILED: 'The data folder could not be read or written',
  STORE_UNAVAILABLE: 'The shared store cannot be reached; nothing was written',
  INPUT_UNREADABLE: 'The input file could not be read',
  CONFIG_INVALID: 'The configuration is not valid',
  INTERNAL_ERROR: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Structured details: e.g. the per-field issues of a validation failure. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** A failure the product expects and can explain; `detail` is safe to show to a client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { cause?: unknown; details?: ErrorDetails } = {},
  ) {
    super(`${code}: ${detail}`, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.details = options.details;
  }

  /** The catalogue title of this error's code. */
  get title(): string {
    return ERROR_CATALOGUE[this.code];
  }
}

/** True when `value` is an AppError, optionally of one code. */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}

/** One rule broken by one field, as reported in VALIDATION_FAILED details. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `tags.3` or `title`. */
  readonly field: string;
  /** What the rule is, in words: `must be at most 1000 characters`. */
  readonly message: string;
}

/** Builds a VALIDATION_FAILED error that lists every broken rule by field. */
export function validationError(issues: readonly FieldIssue[], prefix = 'Invalid input'): AppError {
  const summary = issues.map((i) => `${i.field || '(body)'}: ${i.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `${prefix}: ${summary}`, { details: { issues } });
}

/** The one ARTICLE_NOT_FOUND every edge reports: `No article with id "x"`. */
export function articleNotFound(id: string): AppError {
  return new AppError('ARTICLE_NOT_FOUND', `No article with id ${JSON.stringify(id)}`, {
    details: { id },
  });
}
