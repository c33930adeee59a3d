/**
 * The dependency rules of STYLE.md, checked on every source file: which folder may import what,
 * which single adapter file may import each native library, and who may construct adapters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

interface SourceImport {
  readonly file: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
  /** Repo-relative target for relative imports, e.g. `src/store/sqlite-store.ts`. */
  readonly target: string | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts');
    return isSource ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function importsOf(path: string): SourceImport[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[2] ?? '';
    const target = specifier.startsWith('.')
      ? relative(root, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts')
      : undefined;
    return { file, specifier, typeOnly: match[1] !== undefined, target };
  });
}

const allImports = sourceFiles(src).flatMap(importsOf);
const inFolder = (folder: string) => (i: SourceImport) => i.file.startsWith(`src/${folder}/`);
const describeImport = (i: SourceImport) => `${i.file} imports ${i.specifier}`;

/** Native or heavy libraries, each allowed in exactly one adapter file. */
const ADAPTER_LIBRARIES: Record<string, string> = {
  '@xenova/transformers': 'src/embedding/xenova-embedder.ts',
  'hnswlib-node': 'src/vector-index/hnsw-index.ts',
  'better-sqlite3': 'src/store/sqlite-store.ts',
};

/** Adapter files and the only places that may construct them. */
const REAL_ADAPTERS = [
  'src/embedding/xenova-embedder.ts',
  'src/vector-index/hnsw-index.ts',
  'src/store/sqlite-store.ts',
];
// The list worker's thread entry is an edge too: a thread opens its own store connection.
const ADAPTER_BUILDERS = [
  'src/services.ts',
  'src/server.ts',
  'src/cli/main.ts',
  'src/list-workers/pool-worker.ts',
];
const FAKES = ['src/embedding/fake-embedder.ts', 'src/store/memory-store.ts'];

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(allImports.length).toBeGreaterThan(10);
  });

  it('imports each native library from its one adapter file only', () => {
    const offenders = allImports.filter((i) => {
      const owner = ADAPTER_LIBRARIES[i.specifier];
      return owner !== undefined && i.file !== owner;
    });
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('constructs real adapters only in services, server and the CLI edge', () => {
    const offenders = allImports.filter(
      (i) =>
        i.target !== undefined &&
        REAL_ADAPTERS.includes(i.target) &&
        !i.typeOnly &&
        !ADAPTER_BUILDERS.includes(i.file) &&
        !i.target.startsWith(dirname(i.file)),
    );
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('never imports a test fake from production code', () => {
    const offenders = allImports.filter(
      (i) => i.target !== undefined && FAKES.includes(i.target) && !i.typeOnly,
    );
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('keeps articles and errors free of other domains', () => {
    const offenders = allImports.filter(
      (i) =>
        (inFolder('articles')(i) || i.file === 'src/errors.ts') &&
        i.target !== undefined &&
        !i.target.startsWith('src/articles/') &&
        i.target !== 'src/errors.ts',
    );
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('lets recommend use only types of adapters, and never hono or node:*', () => {
    const offenders = allImports.filter(inFolder('recommend')).filter((i) => {
      if (i.specifier.startsWith('node:') || i.specifier.startsWith('hono')) {
        return true;
      }
      const adapterFolders = ['src/embedding/', 'src/vector-index/', 'src/store/'];
      return (
        i.target !== undefined && adapterFolders.some((f) => i.target?.startsWith(f)) && !i.typeOnly
      );
    });
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('keeps the client free of run-time imports: only its own files, and types from the rest', () => {
    const offenders = allImports
      .filter(inFolder('client'))
      .filter((i) => !i.typeOnly && !i.target?.startsWith('src/client/'));
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('keeps the HTTP and CLI edges apart', () => {
    const offenders = allImports.filter(
      (i) =>
        (inFolder('http')(i) && i.target?.startsWith('src/cli/')) ||
        (inFolder('cli')(i) && i.target?.startsWith('src/http/')),
    );
    expect(offenders.map(describeImport)).toEqual([]);
  });
});
