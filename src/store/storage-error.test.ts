import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { guardWrite, toStorageError } from './storage-error.js';

const sqliteError = (code: string) =>
  Object.assign(new Error('database or disk is full'), { code });

describe('toStorageError', () => {
  it.each([
    ['SQLITE_FULL', 'the disk is full'],
    ['SQLITE_READONLY', 'the store is read-only'],
    ['SQLITE_READONLY_DBMOVED', 'the store is read-only'],
    ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_WRITE'],
  ])('turns %s into STORAGE_FAILED naming the file', (code, reason) => {
    const error = toStorageError(sqliteError(code), '/data/morelike.sqlite');
    expect(error).toMatchObject({ code: 'STORAGE_FAILED' });
    expect((error as Error).message).toContain('/data/morelike.sqlite');
    expect((error as Error).message).toContain(reason);
  });

  it('leaves other errors as they are', () => {
    const constraint = sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(toStorageError(constraint, 'f')).toBe(constraint);
    expect(isAppError(toStorageError(new TypeError('x'), 'f'))).toBe(false);
  });
});

describe('guardWrite', () => {
  it('rethrows a full disk as STORAGE_FAILED and passes results through', () => {
    const full = guardWrite('/d/f', () => {
      throw sqliteError('SQLITE_FULL');
    });
    expect(() => full()).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED' }));
    expect(guardWrite('/d/f', (a: number) => a + 1)(1)).toBe(2);
  });
});
