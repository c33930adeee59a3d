/**
 * Static files of the preview page and the widget: read from disk once, when the routes are built,
 * and served from memory with their content type, a strong ETag (304 on If-None-Match) and the
 * caller's cache and security headers. No build step: the files are served exactly as written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/** One file held in memory. */
export interface StaticAsset {
  readonly name: string;
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The content type of a file name, by its extension; throws for an extension not served. */
export function contentTypeOf(name: string): string {
  const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)];
  if (type === undefined) {
    throw new Error(`No content type for ${name}`);
  }
  return type;
}

/** Reads `names` from `dir` (a directory URL ending in `/`) into memory, keyed by name. */
export function loadAssets(dir: URL, names: readonly string[]): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of names) {
    const body = readFileSync(new URL(name, dir), 'utf8');
    const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    assets.set(name, { name, body, contentType: contentTypeOf(name), etag: `"${digest}"` });
  }
  return assets;
}

/** Answers with `asset` (or 304 when the client holds the same version) and `headers`. */
export function sendAsset(
  c: Context<AppEnv>,
  asset: StaticAsset,
  headers: Readonly<Record<string, string>>,
): Response {
  const common = { ...headers, ETag: asset.etag, 'X-Content-Type-Options': 'nosniff' };
  const held = c.req.header('If-None-Match');
  if (held?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
    return c.body(null, 304, common);
  }
  return c.body(asset.body, 200, { ...common, 'Content-Type': asset.contentType });
}
