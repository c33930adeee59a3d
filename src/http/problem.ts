/**
 * Problem rendering: the one place an error becomes an HTTP answer. Each error code maps to a
 * status through an exhaustive switch (a new code in `errors.ts` fails `tsc` until placed here),
 * and every failure is rendered as RFC 9457 `application/problem+json` with a stable `code`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, type ErrorCode, isAppError } from '../errors.js';

/** The HTTP status that answers an error of `code`. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'ID_MISMATCH':
    case 'INPUT_UNREADABLE':
      return 400;
    case 'AUTH_REQUIRED':
    case 'AUTH_INVALID':
      return 401;
    case 'ARTICLE_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'PAYLOAD_TOO_LARGE':
    case 'BATCH_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'INDEX_NOT_READY':
    case 'STORE_UNAVAILABLE':
    // The store moved to a model this server does not have yet: reads go on, embeds wait for it.
    case 'MODEL_MISMATCH':
      // Reads go on from memory; a write is refused whole and may be retried (Retry-After).
      return 503;
    case 'STORAGE_FAILED':
      // Insufficient Storage: the data folder is full or read-only; nothing was stored.
      return 507;
    case 'MODEL_NOT_FOUND':
    case 'MODEL_DOWNLOAD_FAILED':
    case 'DIMENSION_MISMATCH':
    case 'EMBEDDING_FAILED':
    case 'CONFIG_INVALID':
    case 'INTERNAL_ERROR':
      return 500;
  }
}

/** An RFC 9457 problem document as morelike renders it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: ErrorCode;
  readonly requestId: string;
  /** Per-field issues of a validation failure. */
  readonly errors?: readonly unknown[];
}

/** Documentation anchor for each code, so `type` is a stable URI a person can open. */
export function problemType(code: ErrorCode): string {
  return `/docs#error-${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The problem document of an AppError. */
export function toProblem(error: AppError, instance: string, requestId: string): Problem {
  const issues = error.details?.issues;
  return {
    type: problemType(error.code),
    title: error.title,
    status: statusFor(error.code),
    detail: error.detail,
    instance,
    code: error.code,
    requestId,
    ...(Array.isArray(issues) ? { errors: issues } : {}),
  };
}

/** The generic 500: nothing of the original message reaches the client. */
export function internalProblem(instance: string, requestId: string): Problem {
  return {
    type: problemType('INTERNAL_ERROR'),
    title: 'Internal error',
    status: 500,
    detail: 'The server failed to answer this request; it has been logged with the request id.',
    instance,
    code: 'INTERNAL_ERROR',
    requestId,
  };
}

/**
 * Extra headers a problem needs: `Allow` on 405, `WWW-Authenticate` on 401, `Retry-After` on
 * 429/503, `Connection: close` on 413.
 */
export function problemHeaders(error: unknown): Record<string, string> {
  if (!isAppError(error)) {
    return {};
  }
  const headers: Record<string, string> = {};
  const allow = error.details?.allow;
  if (Array.isArray(allow)) {
    headers.Allow = allow.join(', ');
  }
  if (error.code === 'AUTH_REQUIRED') {
    headers['WWW-Authenticate'] = 'Bearer realm="morelike"';
  }
  if (error.code === 'AUTH_INVALID') {
    headers['WWW-Authenticate'] = 'Bearer realm="morelike", error="invalid_token"';
  }
  if (error.code === 'PAYLOAD_TOO_LARGE') {
    // The body was not read: the node adapter drops the socket after a short drain, so tell a
    // keep-alive client not to send its next request on it.
    headers.Connection = 'close';
  }
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfter)));
  }
  return headers;
}

/**
 * Renders `problem` as an `application/problem+json` answer on `c`, so the headers set before
 * the route ran (X-Request-Id) are on it.
 */
export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': 'application/problem+json',
  });
}
