/**
 * Request bodies: the size limit (413 PAYLOAD_TOO_LARGE, checked on the declared length and while
 * streaming), the content type (415 UNSUPPORTED_MEDIA_TYPE) and JSON that does not parse (400).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, validationError } from '../errors.js';

/** Refuses bodies larger than `maxBytes` with PAYLOAD_TOO_LARGE. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${maxBytes} bytes; send fewer articles per request`,
      );
    },
  });
}

/** The media type of the request without parameters, lower case; '' when absent. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** True for application/json and any `+json` type. */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** The `charset` parameter of the Content-Type, lower case and unquoted; undefined when absent. */
export function charsetOf(c: Context): string | undefined {
  const header = c.req.header('content-type') ?? '';
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(header);
  return match === null ? undefined : (match[2] ?? '').toLowerCase();
}

/**
 * Refuses any media type not in `accepted` (JSON types always count as application/json), and
 * any charset but UTF-8: bodies are always read as UTF-8, so another charset would be misread.
 */
export function requireMediaType(...accepted: string[]): MiddlewareHandler {
  return async (c, next) => {
    const type = mediaType(c);
    const ok =
      accepted.includes(type) || (accepted.includes('application/json') && isJsonType(type));
    if (!ok) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type must be ${accepted.join(' or ')}${type ? `, not ${type}` : ''}`,
        { details: { accepted } },
      );
    }
    const charset = charsetOf(c);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `The body's charset must be utf-8, not ${charset || 'empty'}`,
        { details: { accepted } },
      );
    }
    await next();
  };
}

/** Parses the body as JSON once (later readers get the cached value); malformed JSON is a 400. */
export const parseJsonBody: MiddlewareHandler = async (c, next) => {
  try {
    await c.req.json();
  } catch (cause) {
    if (cause instanceof AppError) {
      throw cause;
    }
    throw validationError([{ field: '', message: 'must be valid JSON' }], 'Invalid body');
  }
  await next();
};
