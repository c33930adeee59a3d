/**
 * The editors' preview page and the embeddable widget, mounted by `createApp` at '/':
 * GET /editor (HTML) and its scripts and stylesheet under /editor/, GET /widget.js, and
 * GET /v1/search (the page's article finder). The browser files in ./static are plain, hand-written
 * JS/CSS, read once here and served as they are: no build step, no CDN, no framework.
 */
import { readdirSync } from 'node:fs';
import { Hono } from 'hono';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../app-env.js';
import { searchArticles } from './search-route.js';
import { loadAssets, sendAsset } from './static-assets.js';

const STATIC_DIR = new URL('./static/', import.meta.url);
const PAGE = 'editor.html';
const WIDGET = 'widget.js';
/** Files served under /editor/: the page's own modules and stylesheet, `editor*.js|css`. */
const EDITOR_FILE = /^editor[a-z-]*\.(?:js|css)$/;

/** The editor page's policy: no inline script or style, same-origin API only, never framed. */
export const EDITOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const PAGE_HEADERS = {
  'Content-Security-Policy': EDITOR_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Revalidate every time (cheap with the ETag), so an upgrade shows at once.
  'Cache-Control': 'no-cache',
} as const;

const EDITOR_ASSET_HEADERS = { 'Cache-Control': 'no-cache' } as const;

const WIDGET_HEADERS = {
  // Sites load it on every page view: cache for an hour, refresh in the background after that.
  'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
  // Pages of other origins embed it, including ones that require CORP (COEP: require-corp).
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/** Builds the preview routes; reads the static files from disk (call once, at start). */
export function previewRoutes(): Hono<AppEnv> {
  const editorFiles = new Set(readdirSync(STATIC_DIR).filter((name) => EDITOR_FILE.test(name)));
  const assets = loadAssets(STATIC_DIR, [PAGE, WIDGET, ...editorFiles]);
  const asset = (name: string) => {
    const found = assets.get(name);
    if (found === undefined) {
      throw new AppError('ROUTE_NOT_FOUND', `No file ${name} in the editor page`);
    }
    return found;
  };

  const app = new Hono<AppEnv>();
  app.get('/editor', (c) => sendAsset(c, asset(PAGE), PAGE_HEADERS));
  app.get('/editor/', (c) => c.redirect('/editor', 301));
  app.get('/editor/:file', (c) => {
    const name = c.req.param('file');
    if (!editorFiles.has(name)) {
      throw new AppError('ROUTE_NOT_FOUND', `No file ${name} in the editor page`);
    }
    return sendAsset(c, asset(name), EDITOR_ASSET_HEADERS);
  });
  app.get('/widget.js', (c) => sendAsset(c, asset(WIDGET), WIDGET_HEADERS));
  app.get('/v1/search', searchArticles);
  return app;
}
