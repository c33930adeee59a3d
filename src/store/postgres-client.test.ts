import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { describeStoreUrl, isUnreachable, toStoreError } from './postgres-client.js';

const URL_WITH_SECRET = 'postgres://app:s3cret-pw@db.internal:6543/news';

describe('PostgreSQL store errors', () => {
  it('names the store by host, port and database, never the password', () => {
    expect(describeStoreUrl(URL_WITH_SECRET)).toBe('db.internal:6543/news');
    expect(describeStoreUrl('postgres://db/news')).toBe('db:5432/news');
  });

  it('turns a refused connection into STORE_UNAVAILABLE with a retry hint and no password', () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED for ${URL_WITH_SECRET}`), {
      code: 'ECONNREFUSED',
    });
    const mapped = toStoreError(refused, URL_WITH_SECRET);
    expect(mapped).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      details: { retryAfterSeconds: 2 },
      detail: expect.stringContaining('db.internal:6543/news'),
    });
    expect((mapped as AppError).detail).not.toContain('s3cret-pw');
  });

  it('recognises a server shutting down and a dropped connection as unreachable', () => {
    expect(isUnreachable(Object.assign(new Error('terminating'), { code: '57P01' }))).toBe(true);
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
  });

  it('recognises a request that waited for a pooled connection too long as unreachable', () => {
    // pg-pool's words when every pooled connection is still connecting to a server that hangs.
    expect(isUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves a query error as it is', () => {
    const syntax = Object.assign(new Error('syntax error'), { code: '42601' });
    expect(toStoreError(syntax, URL_WITH_SECRET)).toBe(syntax);
    const known = new AppError('DIMENSION_MISMATCH', 'x');
    expect(toStoreError(known, URL_WITH_SECRET)).toBe(known);
  });
});
