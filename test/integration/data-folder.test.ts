/**
 * A data folder that cannot be used, with the real server as a child process:
 * - a path that cannot be a folder (its parent is a file, ENOTDIR) or an existing store that is
 *   read-only: the server exits 1 at start with STORAGE_FAILED naming the path;
 * - a full disk, made real with RLIMIT_FSIZE (`ulimit -f`, which binds root too; node ignores
 *   SIGXFSZ, so writes past the limit fail): writes answer 507 STORAGE_FAILED, reads go on, and
 *   after a restart without the limit every acknowledged article is intact, the failed batch
 *   absent and writes work again.
 * Root ignores file modes, so the read-only case runs the server as `nobody` when run as root,
 * from a world-readable copy of what it needs (the checkout itself may be private).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { problem } from '../helpers/requests.js';
import { TEST_API_KEY, waitUntilReady } from '../helpers/test-server.js';
import { variedArticle } from '../helpers/varied-corpus.js';
import { runnableCopy, worldReadableTemp } from '../helpers/world-readable.js';

const ROOT = new URL('../../', import.meta.url);
const NOBODY = 65_534;
const asRoot = process.getuid?.() === 0;
const root = worldReadableTemp('morelike-folder-');
/** Where `nobody` runs the server from. */
const nobodyCheckout = asRoot ? runnableCopy(join(root, 'checkout')) : fileURLToPath(ROOT);
/** tsx keeps a cache in the temp folder; `nobody` needs one it may write. */
const childTmp = join(root, 'tmp');
mkdirSync(childTmp);
chmodSync(childTmp, 0o1777);
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  rmSync(root, { recursive: true, force: true });
});

interface Child {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** Resolves with the URL once it listens. */
  readonly listening: Promise<string>;
}

/** `node --import tsx src/server.ts` through `sh`, with an optional file-size limit in KiB. */
function startServer(dataDir: string, options: { fileKb?: number; uid?: number } = {}): Child {
  const limit = options.fileKb === undefined ? '' : `ulimit -f ${options.fileKb * 2} && `;
  const command = `${limit}exec "$0" --import tsx src/server.ts`;
  const child = spawn('/bin/sh', ['-c', command, process.execPath], {
    cwd: options.uid === undefined ? ROOT : nobodyCheckout,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      MORELIKE_DATA_DIR: dataDir,
      MORELIKE_API_KEYS: TEST_API_KEY,
      MORELIKE_DEMO: 'false',
      MORELIKE_RATE_LIMIT_WRITE: '1000000',
      TMPDIR: childTmp,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  children.push(child);
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const port = (JSON.parse(line) as { msg?: string; port?: number }).port;
      if (line.includes('"listening"') && port !== undefined) {
        resolve(`http://127.0.0.1:${port}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
  });
  listening.catch(() => {});
  return { child, lines, exited, listening };
}

const fatal = (lines: readonly string[]) =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.level === 'fatal');

const writeHeaders = {
  Authorization: `Bearer ${TEST_API_KEY}`,
  'Content-Type': 'application/json',
};

async function postBatch(url: string, items: readonly { id: string }[]): Promise<Response> {
  return fetch(`${url}/v1/articles/batch`, {
    method: 'POST',
    headers: writeHeaders,
    body: JSON.stringify(items),
  });
}

describe('a data folder that cannot be used', () => {
  it('exits 1 at start with STORAGE_FAILED naming the path when the folder is under a file', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const dataDir = join(file, 'data');
    const server = startServer(dataDir);
    expect(await server.exited).toBe(1);
    expect(fatal(server.lines)).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(JSON.stringify(fatal(server.lines))).toContain(dataDir);
  }, 60_000);

  it('exits 1 at start with STORAGE_FAILED naming the path when the store is read-only', async () => {
    const dataDir = join(root, 'read-only');
    mkdirSync(dataDir);
    if (asRoot) {
      chownSync(dataDir, NOBODY, NOBODY);
    }
    const uid = asRoot ? { uid: NOBODY } : {};
    const first = startServer(dataDir, uid);
    await waitUntilReady(await first.listening);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    chmodSync(dataDir, 0o555);
    chmodSync(join(dataDir, 'morelike.sqlite'), 0o444);

    const second = startServer(dataDir, uid);
    expect(await second.exited).toBe(1);
    expect(fatal(second.lines)).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(JSON.stringify(fatal(second.lines))).toContain(dataDir);
  }, 60_000);

  it('answers 507 STORAGE_FAILED when the disk is full and keeps every acknowledged article', async () => {
    const dataDir = join(root, 'full');
    const full = startServer(dataDir, { fileKb: 512 });
    const url = await full.listening;
    await waitUntilReady(url);
    const acknowledged: string[] = [];
    let refused: Response | undefined;
    let failedIds: string[] = [];
    for (let n = 0; n < 200 && refused === undefined; n += 1) {
      const items = Array.from({ length: 20 }, (_, k) => variedArticle(`f${n}-${k}`, n * 20 + k));
      const res = await postBatch(url, items);
      if (res.status === 200) {
        await res.arrayBuffer();
        acknowledged.push(...items.map((i) => i.id));
      } else {
        refused = res;
        failedIds = items.map((i) => i.id);
      }
    }
    expect(refused?.status).toBe(507);
    expect(await problem(refused as Response)).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(acknowledged.length).toBeGreaterThan(0);
    const read = await fetch(`${url}/v1/articles/${acknowledged[0]}/related`);
    expect(read.status).toBe(200);
    full.child.kill('SIGKILL');
    await full.exited;

    const again = startServer(dataDir);
    const next = await again.listening;
    await waitUntilReady(next);
    const statuses = await Promise.all(
      [...acknowledged, ...failedIds].map(async (id) => {
        const res = await fetch(`${next}/v1/articles/${id}`);
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses).toEqual([...acknowledged.map(() => 200), ...failedIds.map(() => 404)]);
    const stats = (await (await fetch(`${next}/v1/stats`)).json()) as Record<string, number>;
    expect(stats).toMatchObject({ articles: acknowledged.length, indexed: acknowledged.length });
    const retry = await postBatch(
      next,
      failedIds.map((id, i) => variedArticle(id, i)),
    );
    expect(retry.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 110_000);
});
