import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices } from '../../../test/helpers/fake-services.js';
import { createApp } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { EDITOR_CSP } from './routes.js';

const ARTICLES = [
  { id: 'eu-1', title: 'Summit agrees on border rules', section: 'politics' },
  { id: 'eu-2', title: 'Border talks stall at the summit', publishedAt: '2026-01-02T09:00:00Z' },
  { id: 'sp-1', title: 'Cup final ends in a draw' },
];

/** The whole app (which mounts previewRoutes at '/') over fake services holding ARTICLES. */
async function buildApp(): Promise<Hono<AppEnv>> {
  return createApp(await createFakeServices({ articles: ARTICLES }));
}

describe('previewRoutes', () => {
  let app: Hono<AppEnv>;
  beforeEach(async () => {
    app = await buildApp();
  });

  it('serves the editor page as HTML with a CSP that allows no inline script', async () => {
    const res = await app.request('/editor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EDITOR_CSP);
    expect(EDITOR_CSP).toContain("script-src 'self'");
    expect(EDITOR_CSP).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/editor/editor.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=|style=/i);
  });

  it.each([
    ['/editor/editor.js', 'text/javascript; charset=utf-8'],
    ['/editor/editor.css', 'text/css; charset=utf-8'],
    ['/widget.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s with an ETag', async (path, type) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect((await res.text()).length).toBeGreaterThan(100);
  });

  it('serves every module the editor page imports', async () => {
    const pending = ['/editor/editor.js'];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const path = pending.pop() ?? '';
      seen.add(path);
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      for (const [, file] of (await res.text()).matchAll(/from '\.\/([\w-]+\.js)'/g)) {
        if (!seen.has(`/editor/${file}`)) {
          pending.push(`/editor/${file}`);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('answers 304 when the client already holds the same version', async () => {
    const first = await app.request('/widget.js');
    const etag = first.headers.get('etag') ?? '';
    const again = await app.request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('lets other sites cache and embed the widget', async () => {
    const res = await app.request('/widget.js');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('keeps the widget under 5 KB gzipped', async () => {
    const body = Buffer.from(await (await app.request('/widget.js')).arrayBuffer());
    expect(gzipSync(body, { level: 9 }).length).toBeLessThan(5 * 1024);
  });

  it('returns 404 ROUTE_NOT_FOUND for a file the editor does not have', async () => {
    const res = await app.request('/editor/routes.ts');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('redirects /editor/ to /editor', async () => {
    const res = await app.request('/editor/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/editor');
  });
});

describe('GET /v1/search', () => {
  let app: Hono<AppEnv>;
  beforeEach(async () => {
    app = await buildApp();
  });

  it('finds stored articles by all their title words', async () => {
    const res = await app.request('/v1/search?q=border%20summit');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.map((item) => item.id).sort()).toEqual(['eu-1', 'eu-2']);
  });

  it('answers id, title, section and date, with null for absent fields', async () => {
    const res = await app.request('/v1/search?q=sp-1');
    expect(await res.json()).toEqual({
      items: [{ id: 'sp-1', title: 'Cup final ends in a draw', section: null, publishedAt: null }],
    });
  });

  it('caps the answer at limit', async () => {
    const res = await app.request('/v1/search?q=border&limit=1');
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('answers no items for an empty query', async () => {
    const res = await app.request('/v1/search?q=%20');
    expect(await res.json()).toEqual({ items: [] });
  });

  it('returns 400 VALIDATION_FAILED for a limit out of range', async () => {
    const res = await app.request('/v1/search?q=border&limit=500');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
