/**
 * Atomic file replacement: write a temporary file beside the target, fsync it, rename it over the
 * target, fsync the folder. A crash leaves either the old file or the new one, never a torn one.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Replaces `file` with `data` atomically. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  commitAtomic(file, (temp) => writeFileSync(temp, data));
}

/** Lets `write` produce a temporary file, then fsyncs and renames it to `file`. */
export function commitAtomic(file: string, write: (tempFile: string) => void): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    write(temp);
    fsyncFile(temp);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncFile(dirname(file));
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
