/**
 * Every shape error at the HTTP edge is worded as a rule naming its field, never in zod's own
 * words: wrong types, sizes and forms in article bodies, batch items, draft requests, overrides
 * and query options.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../test/helpers/fake-services.js';
import { problem, send } from '../../test/helpers/requests.js';
import type { Services } from '../services.js';
import { createApp } from './app.js';

/** zod's default wording ("Invalid input: expected object, received number", "Too big: ..."). */
const ZOD_WORDING =
  /invalid input|expected |received|too (big|small)|invalid (string|option|type)/i;

let services: Services;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  services = await createFakeServices({ articles: STORY_ARTICLES });
  app = createApp(services);
});

interface Issue {
  field: string;
  message: string;
}

const WRONG_BODIES: readonly unknown[] = [
  42,
  'text',
  [1, 2],
  null,
  { title: 42 },
  { title: 'ok', body: { html: '<p>' } },
  { title: 'ok', tags: 'politics' },
  { title: 'ok', tags: [1, 2] },
  { title: 'ok', section: ['a'] },
  { title: 'ok', language: 7 },
  { title: 'ok', publishedAt: 1_700_000_000 },
  { title: 'ok', url: { href: 'https://x.example' } },
];

async function issuesOf(res: Response): Promise<Issue[]> {
  expect(res.status).toBe(400);
  const body = await problem(res);
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(String(body.detail)).not.toMatch(ZOD_WORDING);
  return (body.errors ?? []) as Issue[];
}

describe('shape errors', () => {
  it('words every broken rule of an article body without zod text', async () => {
    for (const body of WRONG_BODIES) {
      const issues = await issuesOf(await app.request('/v1/articles/x1', send('PUT', body)));
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.message, JSON.stringify(body)).not.toMatch(ZOD_WORDING);
      }
    }
  });

  it('says a body that is not an object must be an object', async () => {
    const issues = await issuesOf(await app.request('/v1/articles/x1', send('PUT', [1, 2])));
    expect(issues).toEqual([{ field: '', message: 'must be an object' }]);
  });

  it('words draft options, overrides and query options as rules', async () => {
    const draft = await app.request(
      '/v1/related',
      send('POST', { title: 'Storm', sections: { a: 1 }, limit: 'many' }),
    );
    const overrides = await app.request(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: 'flood-2', blocked: [1] }),
    );
    const query = await app.request('/v1/articles/flood-1/related?limit=0&minScore=2&tags=');
    for (const res of [draft, overrides, query]) {
      for (const issue of await issuesOf(res)) {
        expect(issue.field).not.toBe('');
        expect(issue.message).not.toMatch(ZOD_WORDING);
      }
    }
  });

  it('reports a batch item that is not an object by its index', async () => {
    const items = [{ id: 'a', title: 'One' }, 'text', 7, null, [{ id: 'b' }]];
    const res = await app.request('/v1/articles/batch', send('POST', items));
    expect(await res.json()).toEqual({
      accepted: 1,
      rejected: [1, 2, 3, 4].map((index) => ({
        index,
        errors: [{ field: '', message: 'must be an object' }],
      })),
    });
  });
});
