/**
 * The error handler every app installs as `app.onError`: the only place that turns an error into
 * a response. AppErrors become their problem; anything else is logged with its cause and answered
 * with a generic 500 whose message never reaches the client. Expected failures (every 4xx, and
 * 503 INDEX_NOT_READY while the service loads, 503 STORE_UNAVAILABLE while a shared store is out
 * of reach: the store logs the outage once and its end) are the client's or the moment's, not a
 * fault of the request: they log no error line and no stack (the request line says what happened).
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode, isAppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { internalProblem, problemHeaders, problemResponse, toProblem } from './problem.js';

/** Maps the few HTTPExceptions Hono middleware may still throw onto catalogue codes. */
function fromHttpException(error: HTTPException): AppError | undefined {
  switch (error.status) {
    case 400:
      return new AppError('VALIDATION_FAILED', 'The request could not be read');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    default:
      return undefined;
  }
}

/** 5xx codes that describe a state the service passes through, not a fault: no error line. */
const EXPECTED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INDEX_NOT_READY',
  'STORE_UNAVAILABLE',
]);

function requestIdOf(c: Context): string {
  const id: unknown = c.get('requestId');
  return typeof id === 'string' ? id : '';
}

/** Builds the `onError` handler that renders problems and logs failures. */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    const requestId = requestIdOf(c);
    const instance = c.req.path;
    const known = isAppError(error)
      ? error
      : error instanceof HTTPException
        ? fromHttpException(error)
        : undefined;
    if (known) {
      const problem = toProblem(known, instance, requestId);
      if (problem.status >= 500 && !EXPECTED.has(known.code)) {
        logger.error({ requestId, code: known.code, err: known }, known.detail);
      }
      return problemResponse(c, problem, problemHeaders(known));
    }
    logger.error({ requestId, err: error, path: instance }, 'unhandled error');
    return problemResponse(c, internalProblem(instance, requestId));
  };
}
