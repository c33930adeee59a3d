/**
 * Tests that run the server as another user (`nobody`, so that file modes bind) need the code
 * where that user can read it, wherever the repository was cloned: a private temp folder or
 * root's home folder is not. `runnableCopy` lays out what `node --import tsx src/server.ts`
 * reads (sources, dependencies, the shipped model, package.json, tsconfig.json) in a
 * world-readable folder, hard-linked when on the same file system (about a second), else copied.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECKOUT = fileURLToPath(new URL('../../', import.meta.url));
/** What the server process reads from the checkout. */
const NEEDED = ['src', 'node_modules', 'models', 'package.json', 'tsconfig.json'];

/** True when every folder from `/` down to `path` lets others in (mode o+x). */
function traversableByOthers(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      return false;
    }
    if (dirname(dir) === dir) {
      return true;
    }
  }
}

/** A world-readable temp folder (the system one when TMPDIR is private). */
export function worldReadableTemp(prefix: string): string {
  const base = [tmpdir(), '/tmp', '/var/tmp'].find((dir) => {
    try {
      accessSync(dir, constants.W_OK);
      return traversableByOthers(dir);
    } catch {
      return false;
    }
  });
  if (base === undefined) {
    throw new Error('no temp folder that other users can reach');
  }
  const folder = mkdtempSync(join(base, prefix));
  chmodSync(folder, 0o755);
  return folder;
}

/**
 * Lays out what the server needs inside `folder` (see the module comment); returns `folder`.
 * Hard links share their file's mode, so files others may not read are copied instead.
 */
export function runnableCopy(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const filesReadable = (statSync(join(CHECKOUT, 'package.json')).mode & 0o004) !== 0;
  for (const name of NEEDED) {
    const from = join(CHECKOUT, name);
    const linked = filesReadable && spawnSync('cp', ['-al', from, folder]).status === 0;
    if (!linked) {
      const copied = spawnSync('cp', ['-a', from, folder]);
      if (copied.status !== 0) {
        throw new Error(`cannot copy ${from}: ${copied.stderr.toString()}`);
      }
      spawnSync('chmod', ['-R', 'o+rX', join(folder, name)]);
    }
  }
  // The folders are new either way; a private checkout may have private ones.
  spawnSync('find', [folder, '-type', 'd', '-exec', 'chmod', 'o+rx', '{}', '+']);
  return folder;
}
