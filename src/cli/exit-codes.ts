/**
 * Exit codes that scripts can rely on (contract): 0 success, 1 failure, 2 partial success (some
 * input rejected). Each error code maps to one exit code through an exhaustive switch, so a new
 * code must be placed here deliberately.
 */
import type { ErrorCode } from '../errors.js';

export const EXIT = { ok: 0, failed: 1, partial: 2 } as const;

/** The exit code for a failure with this error code. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'ID_MISMATCH':
    case 'CONFIG_INVALID':
    case 'ARTICLE_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
    case 'METHOD_NOT_ALLOWED':
    case 'AUTH_REQUIRED':
    case 'AUTH_INVALID':
    case 'PAYLOAD_TOO_LARGE':
    case 'BATCH_TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'RATE_LIMITED':
    case 'INDEX_NOT_READY':
    case 'MODEL_NOT_FOUND':
    case 'MODEL_MISMATCH':
    case 'MODEL_DOWNLOAD_FAILED':
    case 'DIMENSION_MISMATCH':
    case 'EMBEDDING_FAILED':
    case 'STORAGE_FAILED':
    case 'STORE_UNAVAILABLE':
    case 'INPUT_UNREADABLE':
    case 'INTERNAL_ERROR':
      return EXIT.failed;
  }
}
