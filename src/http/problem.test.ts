import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../errors.js';
import { problemHeaders, statusFor, toProblem } from './problem.js';

describe('problem', () => {
  it('maps every catalogue code to an error status', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      expect(statusFor(code)).toBeGreaterThanOrEqual(400);
    }
    expect(statusFor('VALIDATION_FAILED')).toBe(400);
    expect(statusFor('BATCH_TOO_LARGE')).toBe(413);
    expect(statusFor('INDEX_NOT_READY')).toBe(503);
  });

  it('renders an RFC 9457 document with code, request id and field errors', () => {
    const error = new AppError('VALIDATION_FAILED', 'Invalid body: title: is required', {
      details: { issues: [{ field: 'title', message: 'is required' }] },
    });
    expect(toProblem(error, '/v1/articles/a', 'r1')).toEqual({
      type: '/docs#error-validation-failed',
      title: ERROR_CATALOGUE.VALIDATION_FAILED,
      status: 400,
      detail: 'Invalid body: title: is required',
      instance: '/v1/articles/a',
      code: 'VALIDATION_FAILED',
      requestId: 'r1',
      errors: [{ field: 'title', message: 'is required' }],
    });
  });

  it('adds Allow and Retry-After headers from the details', () => {
    const allow = new AppError('METHOD_NOT_ALLOWED', 'x', { details: { allow: ['GET', 'PUT'] } });
    expect(problemHeaders(allow)).toEqual({ Allow: 'GET, PUT' });
    const limited = new AppError('RATE_LIMITED', 'x', { details: { retryAfterSeconds: 1.2 } });
    expect(problemHeaders(limited)).toEqual({ 'Retry-After': '2' });
  });

  it('answers STORE_UNAVAILABLE with 503 and Retry-After', () => {
    const down = new AppError('STORE_UNAVAILABLE', 'x', { details: { retryAfterSeconds: 2 } });
    expect(toProblem(down, '/v1/articles/a', 'r1').status).toBe(503);
    expect(problemHeaders(down)).toEqual({ 'Retry-After': '2' });
  });
});
