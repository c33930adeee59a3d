/**
 * The server's life: listening before the services are ready (readyz 503, INDEX_NOT_READY), and
 * graceful shutdown: requests in flight finish, the index is saved, the process exits 0. The last
 * suite runs `npm start`'s entry as a child process with the demo corpus and the real model.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type ClientRequest, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createLogger, silentLogger } from '../../src/observability/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import type { Services } from '../../src/services.js';
import { createFakeServices, TEST_API_KEY, testConfig } from '../helpers/fake-services.js';
import { problem } from '../helpers/requests.js';
import { spawnServer, waitUntilReady } from '../helpers/test-server.js';

/** A PUT whose body is sent in two halves, so the request stays in flight in between. */
function slowPut(url: string, id: string, title: string) {
  const body = JSON.stringify({ title });
  const half = Math.floor(body.length / 2);
  let req: ClientRequest | undefined;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request(
      `${url}/v1/articles/${id}`,
      {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${TEST_API_KEY}`,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
  });
  return { answer, finish: () => req?.end(body.slice(half)) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-process server', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.shutdown();
    running = undefined;
  });

  it('listens at once, answers readyz 503 INDEX_NOT_READY while loading, then 200', async () => {
    let release: (services: Services) => void = () => {};
    const built = new Promise<Services>((resolve) => {
      release = resolve;
    });
    const config = testConfig({ port: 0 });
    running = await startServer(config, { build: () => built, logger: silentLogger() });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const loading = await fetch(`${running.url}/readyz`);
    expect(loading.status).toBe(503);
    expect(await problem(loading)).toMatchObject({ code: 'INDEX_NOT_READY' });
    const stats = await fetch(`${running.url}/v1/stats`);
    expect(await problem(stats)).toMatchObject({ code: 'INDEX_NOT_READY', status: 503 });
    release(await createFakeServices());
    await running.ready;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });

  it('stays at readyz 503 while the indexes are up but the model is still loading', async () => {
    let modelUp: () => void = () => {};
    const modelLoaded = new Promise<void>((resolve) => {
      modelUp = resolve;
    });
    const services = { ...(await createFakeServices()), modelLoaded };
    running = await startServer(testConfig({ port: 0 }), {
      build: async () => services,
      logger: silentLogger(),
    });
    await pause(50);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    modelUp();
    await running.ready;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });

  it('finishes a request in flight on shutdown, refuses new ones, then closes the services', async () => {
    const services = await createFakeServices();
    let closed = false;
    const tracked: Services = {
      ...services,
      close: async () => {
        closed = true;
        await services.close();
      },
    };
    running = await startServer(testConfig({ port: 0 }), {
      build: async () => tracked,
      logger: silentLogger(),
    });
    await running.ready;
    const put = slowPut(running.url, 'late', 'Written while the server stops');
    await pause(100);
    const stopped = running.shutdown();
    await pause(100);
    expect(closed).toBe(false);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    put.finish();
    expect(await put.answer).toMatchObject({ status: 201 });
    await stopped;
    expect(closed).toBe(true);
    expect((await services.store.get('late'))?.title).toBe('Written while the server stops');
  });
});

describe('shutdown when the index cannot be saved', () => {
  it('logs the failure and still logs stopped', async () => {
    const services = await createFakeServices();
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const failing: Services = {
      ...services,
      close: async () => {
        await services.close();
        throw new AppError('STORAGE_FAILED', 'Cannot write the index snapshot: no space left');
      },
    };
    const running = await startServer(testConfig({ port: 0 }), {
      build: async () => failing,
      logger,
    });
    await running.ready;
    await expect(running.shutdown()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.at(-1)).toBe('stopped');
  });
});

describe('npm start (child process, demo corpus, real model)', () => {
  it('loads the demo corpus, answers related lists, and on SIGTERM finishes in-flight work and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'morelike-start-'));
    try {
      const server = await spawnServer({
        MORELIKE_DATA_DIR: dataDir,
        MORELIKE_API_KEYS: TEST_API_KEY,
        MORELIKE_LOG_LEVEL: 'info',
      });
      await waitUntilReady(server.url, 120_000);
      const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as { articles: number };
      expect(stats.articles).toBeGreaterThanOrEqual(150);
      const list = (await (await fetch(`${server.url}/v1/articles/demo-0009/related`)).json()) as {
        items: unknown[];
      };
      expect(list.items.length).toBeGreaterThan(0);

      const put = slowPut(server.url, 'late', 'Smartphone ban in schools: one term on');
      await pause(200);
      server.child.kill('SIGTERM');
      await pause(300);
      put.finish();
      expect(await put.answer).toMatchObject({ status: 201 });
      expect(await server.exited).toBe(0);
      expect(server.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
      expect(server.lines.join('\n')).not.toContain(TEST_API_KEY);
      expect(existsSync(join(dataDir, 'index'))).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
