import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { createFakeServices, STORY_ARTICLES } from '../../../test/helpers/fake-services.js';
import { send } from '../../../test/helpers/requests.js';
import type { Article } from '../../articles/article.js';
import {
  ArticleAnswerSchema,
  BatchAnswerSchema,
  OverridesAnswerSchema,
  RelatedListSchema,
  SearchAnswerSchema,
  StatsAnswerSchema,
} from '../answers.js';
import { createApp } from '../app.js';
import { TAGS } from './document.js';

interface Op {
  operationId: string;
  tags: string[];
  responses: Record<string, unknown>;
}
interface Doc {
  tags: { name: string }[];
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown> };
}

let app: ReturnType<typeof createApp>;
let doc: Doc;

beforeAll(async () => {
  app = createApp(await createFakeServices({ articles: STORY_ARTICLES }));
  doc = (await (await app.request('/openapi.json')).json()) as Doc;
});

const documented = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('the OpenAPI document', () => {
  it('documents every route of the app, and only those', () => {
    const routes = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(routes.size).toBeGreaterThan(15);
    expect(documented().sort()).toEqual([...routes].sort());
  });

  it('gives every operation a unique operationId and a declared tag', () => {
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = ops.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((tag) => tag.name));
    expect(tags).toEqual(new Set(TAGS.map((tag) => tag.name)));
    for (const op of ops) {
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.tags.every((tag) => tags.has(tag))).toBe(true);
    }
    expect(doc.paths['/v1/search']?.get?.operationId).toBe('searchArticles');
  });

  it('names the shared schemas and refers to them, every reference resolving', () => {
    for (const name of ['Article', 'ArticleInput', 'RelatedList', 'RelatedItem', 'Problem']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(doc.components.schemas[ref ?? ''], ref).toBeDefined();
    }
    const related = JSON.stringify(doc.paths['/v1/articles/{id}/related']?.get?.responses['200']);
    expect(related).toContain('#/components/schemas/RelatedList');
    expect(JSON.stringify(doc.components.schemas.RelatedList)).toContain(
      '#/components/schemas/RelatedItem',
    );
    expect(text).not.toContain('"$schema"');
  });
});

describe('the answer schemas', () => {
  const check = async (schema: z.ZodType, res: Response | Promise<Response>) => {
    const answer = await (await res).json();
    expect(schema.safeParse(answer).error).toBeUndefined();
  };

  it('type a stored article exactly as the article schema does', () => {
    expectTypeOf<z.output<typeof ArticleAnswerSchema>>().toEqualTypeOf<Article>();
  });

  it('parse what the routes answer', async () => {
    await check(RelatedListSchema, app.request('/v1/articles/flood-1/related?minScore=0'));
    await check(ArticleAnswerSchema, app.request('/v1/articles/flood-1'));
    await check(OverridesAnswerSchema, app.request('/v1/articles/flood-1/overrides'));
    await check(SearchAnswerSchema, app.request('/v1/search?q=harbour'));
    await check(StatsAnswerSchema, app.request('/v1/stats'));
    const batch = [{ id: 'n1', title: 'New' }, { id: 'bad id' }];
    await check(BatchAnswerSchema, app.request('/v1/articles/batch', send('POST', batch)));
  });
});
