/**
 * Builds `morelike/client` into lib/: compiles src/client with tsc (tsconfig.client.json) and
 * keeps the client's JavaScript and every declaration file it needs (its types are inferred from
 * the server's zod schemas, so their declarations come along; their JavaScript does not, as the
 * client imports types only). `npm install` runs it (the `prepare` script, also when the package
 * is installed from git); `npm run build:client` after changing a schema. lib/ is not committed.
 *
 * `node --import tsx scripts/build-client.ts [OUT_DIR]` (default lib/).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** What the package ships of a compiled file: the client's JS, and declarations. */
const shipped = (path: string) =>
  path.endsWith('.d.ts') || (path.startsWith(`client${'/'}`) && path.endsWith('.js'));

/** Compiles the client and writes what ships into `outDir` (replacing it). */
export function buildClient(outDir: string): string[] {
  const work = mkdtempSync(join(tmpdir(), 'morelike-client-'));
  try {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.client.json', '--outDir', work], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    rmSync(outDir, { recursive: true, force: true });
    const kept = files(work)
      .map((path) => relative(work, path))
      .filter(shipped)
      .sort();
    for (const path of kept) {
      cpSync(join(work, path), join(outDir, path));
    }
    return kept;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(ROOT, 'lib');
  const kept = buildClient(out);
  process.stdout.write(`built ${kept.length} files into ${relative(ROOT, out) || out}\n`);
}
