/**
 * Integration-test helpers: the real server (`startServer`: real buildServices, SQLite in a temp
 * data folder, the shipped model, HNSW) listening on port 0 in this process, and the same server
 * as a child process (`npm start`'s entry) for signal tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/observability/logger.js';
import { type RunningServer, realBuild, type ServerDeps, startServer } from '../../src/server.js';
import { TEST_API_KEY } from './fake-services.js';

export { TEST_API_KEY };

export interface TestServer extends RunningServer {
  readonly dataDir: string;
  /** Shuts down and removes the data folder. */
  close(): Promise<void>;
}

/**
 * Starts the real server on port 0 in a fresh data folder; `env` overrides the environment.
 * `build` is the real buildServices unless a test injects another graph.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  build: ServerDeps['build'] = realBuild,
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'morelike-http-'));
  const config = loadConfig({
    PORT: '0',
    MORELIKE_DATA_DIR: dataDir,
    MORELIKE_API_KEYS: TEST_API_KEY,
    MORELIKE_DEMO: 'false',
    MORELIKE_LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await startServer(config, { build, logger: silentLogger() });
  await running.ready;
  return {
    ...running,
    dataDir,
    async close() {
      await running.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every stdout line so far (JSON log lines). */
  readonly lines: string[];
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

const ROOT = new URL('../../', import.meta.url);

/** The server's entry run from the TypeScript sources (as `npm start` does without a build). */
export const SOURCE_ENTRY: readonly string[] = ['--import', 'tsx', 'src/server.ts'];

/**
 * Spawns `node --import tsx src/server.ts` (or `node <entry>`, e.g. `bin/start.mjs`, what
 * `npm start` runs); resolves once it listens.
 */
export async function spawnServer(
  env: Record<string, string>,
  entry: readonly string[] = SOURCE_ENTRY,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...entry], {
    cwd: ROOT,
    // A clean environment: nothing of the test runner's MORELIKE_* settings leaks into the child.
    env: { PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const { stdout } = child;
  if (stdout === null) {
    throw new Error('the server process has no stdout');
  }
  const port = await new Promise<number>((resolve, reject) => {
    const reader = createInterface({ input: stdout });
    reader.on('line', (line) => {
      lines.push(line);
      const port = listeningPort(line);
      if (port !== undefined) {
        resolve(port);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, lines, exited };
}

function listeningPort(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as { msg?: string; port?: number };
    return parsed.msg === 'listening' ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

/** Spawns a server with `env` (see spawnServer), adds it to `children`, waits until ready. */
export async function startReadyChild(
  children: ServerProcess[],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const server = await spawnServer(env);
  children.push(server);
  await waitUntilReady(server.url);
  return server;
}

/** Kills (SIGKILL) every child still running and waits for each to exit. */
export async function killChildren(children: readonly ServerProcess[]): Promise<void> {
  for (const server of children) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
}

/** Polls /readyz until it answers 200 (or `timeoutMs` passes). */
export async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.status === 200) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}
