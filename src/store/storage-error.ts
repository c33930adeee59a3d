/**
 * Storage failures of the SQLite store as the product reports them: a disk that is full, a file
 * that became read-only, an I/O error. Recognised by the driver's error code (`SQLITE_FULL`,
 * `SQLITE_IOERR_*`, `SQLITE_READONLY_*`, ...) without importing the driver, and turned into
 * STORAGE_FAILED naming the file, so the client gets a clear answer rather than a generic 500.
 */
import { AppError } from '../errors.js';

const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM|NOTADB|CORRUPT)/;

/** The STORAGE_FAILED error for `error` when it is a storage failure; `error` itself otherwise. */
export function toStorageError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.test(code)) {
    return error;
  }
  const reason = code.startsWith('SQLITE_FULL')
    ? 'the disk is full'
    : code.startsWith('SQLITE_READONLY')
      ? 'the store is read-only'
      : `${code}: ${(error as Error).message}`;
  return new AppError('STORAGE_FAILED', `Cannot write to the store at ${file}: ${reason}`, {
    cause: error,
  });
}

/** Wraps `write` so storage failures leave it as STORAGE_FAILED naming `file`. */
export function guardWrite<A extends unknown[], R>(
  file: string,
  write: (...args: A) => R,
): (...args: A) => R {
  return (...args) => {
    try {
      return write(...args);
    } catch (error) {
      throw toStorageError(error, file);
    }
  };
}
