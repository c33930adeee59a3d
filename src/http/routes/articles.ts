/**
 * Single-article routes: PUT (upsert), GET and DELETE /v1/articles/:id. Ids may hold `/`, sent
 * percent-encoded (`a%2Fb`); Hono keeps `%2F` inside one path segment and decodes the parameter.
 */
import { Hono } from 'hono';
import type { Article } from '../../articles/article.js';
import { AppError, articleNotFound } from '../../errors.js';
import type { AppEnv } from '../app-env.js';
import type { Guards } from '../guards.js';
import { readArticle } from '../held-reads.js';
import { IdParamSchema, PutArticleSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** The single-article routes. */
export function articleRoutes(guards: Guards): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.put(
    '/v1/articles/:id',
    guards.write,
    validate('param', IdParamSchema),
    guards.json,
    validate('json', PutArticleSchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const { id: bodyId, ...fields } = c.req.valid('json');
      if (bodyId !== undefined && bodyId !== id) {
        throw new AppError(
          'ID_MISMATCH',
          `The body's id ${JSON.stringify(bodyId)} differs from the path's id ${JSON.stringify(id)}`,
        );
      }
      const article: Article = { ...fields, id };
      const result = await c.var.services.ingest.upsert([article]);
      const metrics = c.var.metrics.articlesUpserted;
      metrics.inc({ result: 'created' }, result.created.length);
      metrics.inc({ result: 'updated' }, result.updated.length);
      metrics.inc({ result: 'unchanged' }, result.unchanged.length);
      const created = result.created.includes(id);
      c.header('Location', `/v1/articles/${encodeURIComponent(id)}`);
      return c.json({ id, indexed: true as const }, created ? 201 : 200);
    },
  );

  app.get('/v1/articles/:id', validate('param', IdParamSchema), async (c) => {
    const { id } = c.req.valid('param');
    const article = await readArticle(c.var.services, id);
    if (article === undefined) {
      throw articleNotFound(id);
    }
    return c.json(article);
  });

  app.delete('/v1/articles/:id', guards.write, validate('param', IdParamSchema), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await c.var.services.ingest.remove(id))) {
      throw articleNotFound(id);
    }
    return c.body(null, 204);
  });

  return app;
}
