/**
 * Builds the server into dist/ for `npm start` (bin/start.mjs): compiles src/ with tsc
 * (tsconfig.build.json), copies the files the code reads beside itself (the editor's static
 * files, the demo corpus), and records the stamp of the sources it was made from (see
 * bin/source-stamp.mjs; taken before compiling, so a source changed meanwhile makes the build
 * stale, never wrong). The new build replaces dist/ by a rename. `npm install` runs it (the
 * `prepare` script); `npm run build` after changing a source, or `npm start` runs the sources.
 *
 * `node --import tsx scripts/build-server.ts`
 */
import { execFileSync } from 'node:child_process';
import { cpSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR, STAMP_FILE, sourceStamp } from '../bin/source-stamp.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Builds `root`'s sources into `<root>/dist`; returns the stamp recorded. */
export function buildServer(root: string = ROOT): string {
  const work = join(root, `.${BUILD_DIR}-${process.pid}.tmp`);
  const target = join(root, BUILD_DIR);
  try {
    const stamp = sourceStamp(root);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', work], {
      cwd: root,
      stdio: 'inherit',
    });
    cpSync(join(root, 'src'), work, {
      recursive: true,
      filter: (source) => !source.endsWith('.ts'),
    });
    writeFileSync(join(work, STAMP_FILE), `${stamp}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(work, target);
    return stamp;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stamp = buildServer();
  process.stdout.write(`built the server into ${BUILD_DIR}/ (sources ${stamp.slice(0, 12)})\n`);
}
