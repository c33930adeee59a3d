/**
 * What the real server writes to its log in the states a newcomer meets first: probes of /readyz
 * while the service loads (an expected 503, so no error line and no stack), a new data folder (a
 * plain `index: new, empty`, not a rebuild "because no readable snapshot"), and client errors
 * (4xx, never a stack) beside a real fault (logged with its cause).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningServer, realBuild, startServer } from '../../src/server.js';
import type { Services } from '../../src/services.js';
import { createFakeServices, testConfig } from '../helpers/fake-services.js';

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly err?: { stack?: string };
  readonly [key: string]: unknown;
}

/** A pino logger at `level` whose lines land in the returned array. */
function capture(level: string) {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
}

const LOUD = ['warn', 'error', 'fatal'];

describe('log lines', () => {
  let running: RunningServer | undefined;
  let dataDir = '';
  afterEach(async () => {
    await running?.shutdown();
    running = undefined;
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
      dataDir = '';
    }
  });

  it('logs readyz 503 while loading at debug only, with no error line and no stack', async () => {
    let release: (services: Services) => void = () => {};
    const built = new Promise<Services>((resolve) => {
      release = resolve;
    });
    const { logger, lines } = capture('trace');
    running = await startServer(testConfig({ port: 0 }), { build: () => built, logger });
    for (let i = 0; i < 5; i += 1) {
      expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    }
    release(await createFakeServices());
    await running.ready;
    const probes = lines.filter((line) => line.path === '/readyz');
    expect(probes).toHaveLength(5);
    expect(probes.every((line) => line.level === 'debug' && line.status === 503)).toBe(true);
    expect(lines.filter((line) => LOUD.includes(line.level))).toEqual([]);
    expect(lines.some((line) => line.err !== undefined)).toBe(false);
  });

  it('says a new data folder is new and empty, not rebuilt because of a missing snapshot', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'morelike-quiet-'));
    const { logger, lines } = capture('info');
    running = await startServer(testConfig({ port: 0, dataDir }), { build: realBuild, logger });
    await running.ready;
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain('index: new, empty');
    expect(messages).toContain('lexical: new, empty');
    expect(messages.filter((msg) => /rebuilt|built \d+|because/.test(msg))).toEqual([]);
    expect(lines.filter((line) => LOUD.includes(line.level))).toEqual([]);
  });

  it('logs no stack for client errors and the cause of an unknown fault', async () => {
    const services = await createFakeServices();
    const broken: Services = {
      ...services,
      stats: () => {
        throw new Error('disk on fire');
      },
    };
    const { logger, lines } = capture('info');
    running = await startServer(testConfig({ port: 0 }), { build: async () => broken, logger });
    await running.ready;
    expect((await fetch(`${running.url}/v1/articles/nope`)).status).toBe(404);
    expect((await fetch(`${running.url}/v1/articles/nope/related?limit=0`)).status).toBe(400);
    expect(lines.some((line) => line.err !== undefined)).toBe(false);
    expect(lines.filter((line) => LOUD.includes(line.level))).toEqual([]);
    expect((await fetch(`${running.url}/v1/stats`)).status).toBe(500);
    const fault = lines.find((line) => line.msg === 'unhandled error');
    expect(fault?.level).toBe('error');
    expect(fault?.err?.stack).toContain('disk on fire');
  });
});
