/**
 * The one error the typed client throws: `MorelikeError`, with the API's stable `code` (from the
 * problem document) and the HTTP `status`, or a client-side code when there is no answer.
 */
import type { ErrorCode } from '../errors.js';
import type { Problem } from './types.js';

/** Codes for failures without an API problem: no connection, too slow, not a problem answer. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'HTTP_ERROR';

/** An API error (`code` from the catalogue, e.g. ARTICLE_NOT_FOUND) or a client-side one. */
export class MorelikeError extends Error {
  override readonly name = 'MorelikeError';
  /** Stable code: one of the API's error codes, or a ClientErrorCode. */
  readonly code: ErrorCode | ClientErrorCode;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** The problem document, when the API sent one. */
  readonly problem: Problem | undefined;
  /** The request id (the problem's, or the X-Request-Id header). */
  readonly requestId: string | undefined;

  constructor(
    code: ErrorCode | ClientErrorCode,
    status: number,
    message: string,
    extra: { problem?: Problem; requestId?: string; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.code = code;
    this.status = status;
    this.problem = extra.problem;
    this.requestId = extra.requestId;
  }
}

function isProblem(value: unknown): value is Problem {
  const record = value as Record<string, unknown> | null;
  return typeof record?.code === 'string' && typeof record.detail === 'string';
}

/** The MorelikeError for a non-2xx response. */
export async function errorFrom(response: Response): Promise<MorelikeError> {
  const headerId = response.headers.get('x-request-id') ?? undefined;
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (isProblem(body)) {
    return new MorelikeError(body.code as ErrorCode, response.status, body.detail, {
      problem: body,
      requestId: body.requestId ?? headerId,
    });
  }
  return new MorelikeError(
    'HTTP_ERROR',
    response.status,
    `HTTP ${response.status} ${response.statusText}`.trim(),
    headerId === undefined ? {} : { requestId: headerId },
  );
}
