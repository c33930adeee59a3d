/**
 * The "More like this" routes: GET /v1/articles/:id/related for a stored article (cacheable:
 * Cache-Control, weak ETag, 304 on If-None-Match) and POST /v1/related for an unsaved draft.
 * A page view without a query is answered from the list's kept default answer
 * (default-answers.ts); answers with options from a bounded cache.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { articleNotFound } from '../../errors.js';
import type { RelatedOptions } from '../../recommend/types.js';
import type { AppEnv } from '../app-env.js';
import type { DefaultAnswers } from '../default-answers.js';
import type { Guards } from '../guards.js';
import {
  answerKey,
  createAnswerCache,
  matchesIfNoneMatch,
  RELATED_CACHE_CONTROL,
  type RenderedList,
  renderList,
  searchOf,
} from '../related-etag.js';
import {
  DraftRequestSchema,
  IdParamSchema,
  type RelatedOptionsInput,
  RelatedOptionsSchema,
} from '../schemas.js';
import { validate } from '../validate.js';

/** Copies only the options that were given, so the service applies its own defaults. */
export function toRelatedOptions(input: RelatedOptionsInput): RelatedOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) {
      options[key] = value;
    }
  }
  return options as RelatedOptions;
}

/** True when the path's id is a stored article's (stored ids were valid when they were stored). */
function storedId(c: Context<AppEnv>): boolean {
  return c.var.services.index.has(c.req.param('id') ?? '');
}

/** `middleware`, skipped for a request `skip` is true of. */
function unless<M extends MiddlewareHandler>(
  skip: (c: Context<AppEnv>) => boolean,
  middleware: M,
): M {
  const run: MiddlewareHandler<AppEnv> = (c, next) =>
    skip(c) ? next() : (middleware as MiddlewareHandler<AppEnv>)(c, next);
  return run as unknown as M;
}

/** The related-list routes; `defaults` keeps every list's default answer. */
export function relatedRoutes(guards: Guards, defaults: DefaultAnswers): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const answers = createAnswerCache();

  // A page view of a stored article with no query (the common case) skips validation: a stored
  // id is valid, and there are no options to check. Anything else is validated as usual.
  app.get(
    '/v1/articles/:id/related',
    unless(storedId, validate('param', IdParamSchema)),
    unless((c) => searchOf(c.req.url) === '', validate('query', RelatedOptionsSchema)),
    async (c) => {
      const id = c.req.param('id');
      const { services } = c.var;
      // The index knows every stored article (it catches up with the store first): no row read.
      if (!services.index.has(id)) {
        throw articleNotFound(id);
      }
      const version = await services.lists.version(id);
      const search = searchOf(c.req.url);
      let answer: RenderedList | undefined;
      if (search === '') {
        answer = await defaults.answer(id, version);
      } else {
        const key = answerKey(id, version, search, new Date());
        answer = answers.get(key);
        if (answer === undefined) {
          const options = toRelatedOptions(c.req.valid('query'));
          answer = renderList(await services.lists.forArticle(id, options));
          answers.set(key, answer);
        }
      }
      c.header('ETag', answer.etag);
      c.header('Cache-Control', RELATED_CACHE_CONTROL);
      // Vary: Origin comes from the CORS middleware, and only when the answer depends on it.
      if (matchesIfNoneMatch(c.req.header('if-none-match'), answer.etag)) {
        return c.body(null, 304);
      }
      c.header('Content-Type', 'application/json');
      return c.body(answer.body);
    },
  );

  app.post(
    '/v1/related',
    guards.preview,
    guards.json,
    validate('query', RelatedOptionsSchema),
    validate('json', DraftRequestSchema),
    async (c) => {
      const body = c.req.valid('json');
      const { limit, sections, excludeSections, maxAgeDays, minScore, diversity, excludeIds } =
        body;
      const { title, body: text, url, section, tags, language, publishedAt, image } = body;
      // Options may come in the query string too (the only place for the `tags` filter, as the
      // body's `tags` are the draft's); an option given in both places is taken from the body.
      const options = {
        ...toRelatedOptions(c.req.valid('query')),
        ...toRelatedOptions({
          limit,
          sections,
          excludeSections,
          maxAgeDays,
          minScore,
          diversity,
          excludeIds,
        }),
      };
      const draft = { title, body: text, url, section, tags, language, publishedAt, image };
      const list = await c.var.services.related.forDraft(draft, options);
      c.header('Cache-Control', 'no-store');
      return c.json(list);
    },
  );

  return app;
}
