/**
 * Editor overrides of one source article: GET and PUT /v1/articles/:id/overrides
 * (`{pinned, blocked}`). Both answer 404 for an unknown source; PUT replaces both lists.
 */
import { Hono } from 'hono';
import { articleNotFound } from '../../errors.js';
import type { AppEnv } from '../app-env.js';
import type { Guards } from '../guards.js';
import { readArticle, readOverrides } from '../held-reads.js';
import { IdParamSchema, OverridesSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** The overrides routes. */
export function overridesRoutes(guards: Guards): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/articles/:id/overrides', validate('param', IdParamSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { services } = c.var;
    if ((await readArticle(services, id)) === undefined) {
      throw articleNotFound(id);
    }
    const { pinned, blocked } = await readOverrides(services, id);
    return c.json({ pinned: [...pinned], blocked: [...blocked] });
  });

  app.put(
    '/v1/articles/:id/overrides',
    guards.write,
    validate('param', IdParamSchema),
    guards.json,
    validate('json', OverridesSchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const saved = await c.var.services.overrides.set(id, c.req.valid('json'));
      return c.json({ pinned: [...saved.pinned], blocked: [...saved.blocked] });
    },
  );

  return app;
}
