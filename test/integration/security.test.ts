/**
 * Abuse and exposure against the real server on port 0: per-client rate limits on draft
 * previews and writes (429 RATE_LIMITED with Retry-After, limits from MORELIKE_RATE_LIMIT_*),
 * security headers on every answer (nosniff, Referrer-Policy; CSP on /editor), and no secret in
 * any log line even when clients send keys in headers and query strings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningServer, realBuild, startServer } from '../../src/server.js';
import { articleBody, problem, send } from '../helpers/requests.js';

const KEY = 'sk-live-4f9c2e7a1b-secret';
const WRONG_KEY = 'sk-wrong-77d1a0-secret';
const PREVIEW_LIMIT = 3;
const WRITE_LIMIT = 4;

const logLines: string[] = [];
let server: RunningServer;
let dataDir = '';
const at = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'morelike-security-'));
  const config = loadConfig({
    PORT: '0',
    MORELIKE_DATA_DIR: dataDir,
    MORELIKE_API_KEYS: `${KEY},another-key-0000`,
    MORELIKE_DEMO: 'false',
    MORELIKE_RATE_LIMIT_PREVIEW: String(PREVIEW_LIMIT),
    MORELIKE_RATE_LIMIT_WRITE: String(WRITE_LIMIT),
  });
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line: string) => logLines.push(line) },
  });
  server = await startServer(config, { build: realBuild, logger });
  await server.ready;
});

afterAll(async () => {
  await server?.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client passes the draft-preview limit', async () => {
    const draft = articleBody('Storm floods the harbour');
    const statuses: number[] = [];
    for (let i = 0; i <= PREVIEW_LIMIT; i += 1) {
      const res = await at('/v1/related', send('POST', draft, { key: null }));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await problem(res)).toMatchObject({ code: 'RATE_LIMITED' });
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
      } else {
        await res.arrayBuffer();
      }
    }
    expect(statuses).toEqual([...Array.from({ length: PREVIEW_LIMIT }, () => 200), 429]);
  });

  it('answers 429 RATE_LIMITED with Retry-After once a client passes the write limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= WRITE_LIMIT; i += 1) {
      const res = await at(
        `/v1/articles/rl-${i}`,
        send('PUT', articleBody(`Cup final ${i}`), { key: KEY }),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await problem(res)).toMatchObject({ code: 'RATE_LIMITED' });
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      } else {
        await res.arrayBuffer();
      }
    }
    expect(statuses).toEqual([...Array.from({ length: WRITE_LIMIT }, () => 201), 429]);
    // Reads of stored lists are never limited.
    const reads = await Promise.all(
      Array.from({ length: 10 }, () => at('/v1/articles/rl-0/related').then((r) => r.status)),
    );
    expect(reads.every((status) => status === 200)).toBe(true);
  });
});

describe('security headers', () => {
  it.each([
    ['/healthz'],
    ['/v1/stats'],
    ['/v1/articles/none'],
    ['/no/such/route'],
    ['/editor'],
    ['/widget.js'],
  ])('sends nosniff and a Referrer-Policy on %s', async (path) => {
    const res = await at(path);
    await res.arrayBuffer();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toMatch(
      /^(no-referrer|strict-origin-when-cross-origin)$/,
    );
  });

  it('sends them on problem answers too', async () => {
    const res = await at('/v1/articles/x/related?limit=abc');
    expect(await problem(res)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends a Content-Security-Policy on /editor that allows no inline script and no framing', async () => {
    const csp = (await at('/editor')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('secrets in logs', () => {
  it('never writes an API key to a log line, wherever the client put it', async () => {
    const before = logLines.length;
    await at(`/v1/stats?key=${KEY}&apiKey=${KEY}&token=${WRONG_KEY}`);
    await at('/v1/articles/kb-1', { headers: { Authorization: `Bearer ${KEY}` } });
    await at(
      '/v1/articles/batch',
      send('POST', [articleBody('Key batch', { id: 'kb-1' })], { key: KEY }),
    );
    await at('/v1/articles/kb-2', send('PUT', articleBody('Wrong key'), { key: WRONG_KEY }));
    await at('/v1/articles/kb-3', send('PUT', '{"title":', { key: KEY }));
    await at(`/v1/related?key=${KEY}`, send('POST', articleBody('storm'), { key: KEY }));
    const lines = logLines.slice(before);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const leaking = lines.filter((line) => line.includes(KEY) || line.includes(WRONG_KEY));
    expect(leaking).toEqual([]);
    expect(logLines.join('\n')).not.toContain(KEY);
  });
});
