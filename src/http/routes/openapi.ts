/** GET /openapi.json and GET /docs, both built once per app from the zod schemas. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { renderDocsPage } from '../openapi/docs-page.js';
import { buildOpenApiDocument } from '../openapi/document.js';

/** The documentation routes. */
export function openApiRoutes(version: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const document = buildOpenApiDocument(version);
  const page = renderDocsPage(document);
  app.get('/openapi.json', (c) => c.json(document));
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(page);
  });
  return app;
}
