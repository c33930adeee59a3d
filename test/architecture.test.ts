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
  pg: 'src/store/postgres-client.ts',
};

/** Adapter files and the only places that may construct them. */
const REAL_ADAPTERS = [
  'src/embedding/xenova-embedder.ts',
  'src/vector-index/hnsw-index.ts',
  'src/store/sqlite-store.ts',
  'src/store/postgres-store.ts',
];
// The list worker's thread entry is an edge too: a thread opens its own store connection.
const ADAPTER_BUILDERS = [
  'src/services.ts',
  'src/server.ts',
  'src/cli/main.ts',
  'src/list-workers/pool-worker.ts',
];
const FAKES = ['src/embedding/fake-embedder.ts', 'src/store/memory-store.ts'];

/** The room (folder under src/, or the top-level file) a repo-relative path belongs to. */
function roomOf(path: string): string {
  const parts = path.replace(/^src\//, '').split('/');
  return parts.length > 1 ? (parts[0] ?? '') : (parts[0] ?? '').replace(/\.ts$/, '');
}

/**
 * Every room and the rooms it may import from (types included). `errors` and `vectors` are
 * shared leaves; `services` and `server` compose. A room missing here fails the test below.
 */
const ROOM_DEPENDENCIES: Record<string, readonly string[]> = {
  articles: ['errors'],
  errors: [],
  vectors: [],
  'package-version': [],
  config: ['errors'],
  observability: ['embedding'],
  embedding: ['errors', 'articles'],
  'vector-index': ['errors', 'vectors'],
  lexical: ['errors', 'vector-index', 'embedding'],
  store: ['errors', 'articles', 'lexical'],
  recommend: ['errors', 'vectors', 'articles', 'lexical', 'embedding', 'store', 'vector-index'],
  lists: ['errors', 'vector-index', 'recommend'],
  indexing: ['errors', 'articles', 'lexical', 'embedding', 'store', 'vector-index', 'recommend'],
  'list-workers': [
    'errors',
    'embedding',
    'indexing',
    'lexical',
    'recommend',
    'store',
    'vector-index',
  ],
  'static-model': ['errors', 'embedding'],
  training: ['errors', 'articles', 'embedding', 'lexical', 'static-model', 'bench'],
  bench: ['errors', 'articles', 'embedding', 'vector-index', 'config', 'services'],
  demo: ['errors', 'articles', 'recommend', 'store'],
  http: ['errors', 'articles', 'observability', 'recommend', 'services', 'config', 'store'],
  client: ['errors', 'articles', 'http'],
  cli: [
    'errors',
    'package-version',
    'articles',
    'bench',
    'config',
    'embedding',
    'recommend',
    'store',
    'training',
    'services',
  ],
  services: [
    'config',
    'embedding',
    'indexing',
    'lexical',
    'list-workers',
    'lists',
    'recommend',
    'store',
    'vector-index',
  ],
  server: [
    'errors',
    'package-version',
    'services',
    'config',
    'demo',
    'http',
    'observability',
    'training',
  ],
};

/** Room -> rooms it imports (relative imports across rooms only). */
function roomGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const i of allImports) {
    const from = roomOf(i.file);
    const to = i.target === undefined ? undefined : roomOf(i.target);
    if (!graph.has(from)) {
      graph.set(from, new Set());
    }
    if (to !== undefined && to !== from) {
      graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** One import cycle between rooms, as `a -> b -> a`, or undefined. */
function roomCycle(graph: Map<string, Set<string>>): string | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (room: string): string | undefined => {
    const at = path.indexOf(room);
    if (at >= 0) {
      return [...path.slice(at), room].join(' -> ');
    }
    if (done.has(room)) {
      return undefined;
    }
    path.push(room);
    for (const next of graph.get(room) ?? []) {
      const cycle = visit(next);
      if (cycle) {
        return cycle;
      }
    }
    path.pop();
    done.add(room);
    return undefined;
  };
  for (const room of graph.keys()) {
    const cycle = visit(room);
    if (cycle) {
      return cycle;
    }
  }
  return undefined;
}

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(allImports.length).toBeGreaterThan(10);
  });

  it('names the allowed dependencies of every room', () => {
    const rooms = [...new Set(sourceFiles(src).map((path) => roomOf(relative(root, path))))];
    expect(rooms.filter((room) => ROOM_DEPENDENCIES[room] === undefined)).toEqual([]);
  });

  it('imports across rooms only along the allowed dependencies', () => {
    const offenders = allImports.filter((i) => {
      const from = roomOf(i.file);
      const to = i.target === undefined ? undefined : roomOf(i.target);
      return to !== undefined && to !== from && !ROOM_DEPENDENCIES[from]?.includes(to);
    });
    expect(offenders.map(describeImport)).toEqual([]);
  });

  it('has no import cycle between rooms', () => {
    expect(roomCycle(roomGraph())).toBeUndefined();
  });

  it('lets only the indexing room open, catch up or rebuild the indexes', () => {
    const offenders = allImports.filter(
      (i) =>
        !inFolder('indexing')(i) &&
        !i.typeOnly &&
        i.target?.startsWith('src/indexing/') &&
        i.target !== 'src/indexing/indexing.ts',
    );
    expect(offenders.map(describeImport)).toEqual([]);
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
