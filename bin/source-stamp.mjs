/**
 * The stamp of the sources a compiled build (dist/) is made from: a SHA-256 over the name and
 * bytes of every file under src/ but the tests, and of the TypeScript settings. `npm start` runs
 * dist/ only when its recorded stamp equals the stamp of the sources as they are now, so a build
 * older than any source file never runs. Plain JavaScript: it runs before any TypeScript loader.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The build's folder and the file in it that records its stamp. */
export const BUILD_DIR = 'dist';
export const STAMP_FILE = '.source-stamp';

/** Every file under `dir`, tests left out, in a fixed order. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        return sourceFiles(path);
      }
      return entry.name.endsWith('.test.ts') ? [] : [path];
    });
}

/** The stamp of the sources under `root` (the repository folder). */
export function sourceStamp(root) {
  const hash = createHash('sha256');
  const files = [
    ...sourceFiles(join(root, 'src')),
    join(root, 'tsconfig.json'),
    join(root, 'tsconfig.build.json'),
  ];
  for (const file of files) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp recorded in the build under `root`, or undefined when there is no build. */
export function builtStamp(root) {
  try {
    return readFileSync(join(root, BUILD_DIR, STAMP_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}
