import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices } from '../../../test/helpers/fake-services.js';
import { problem, send } from '../../../test/helpers/requests.js';
import { createApp } from '../app.js';

let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  app = createApp(await createFakeServices());
});

describe('GET /v1/auth', () => {
  it('answers 204 for a valid key, uncached', async () => {
    const res = await app.request('/v1/auth', send('GET'));
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers HEAD like GET', async () => {
    expect((await app.request('/v1/auth', send('HEAD'))).status).toBe(204);
    expect((await app.request('/v1/auth', send('HEAD', undefined, { key: 'x' }))).status).toBe(401);
  });

  it('returns 401 AUTH_INVALID for a wrong key and AUTH_REQUIRED for none', async () => {
    const wrong = await app.request('/v1/auth', send('GET', undefined, { key: 'not-the-key' }));
    expect(await problem(wrong)).toMatchObject({ code: 'AUTH_INVALID', status: 401 });
    const none = await app.request('/v1/auth', send('GET', undefined, { key: null }));
    expect(await problem(none)).toMatchObject({ code: 'AUTH_REQUIRED', status: 401 });
  });

  it('is listed in the OpenAPI document as a write-guarded GET', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/v1/auth']?.get?.responses ?? {})).toContain('204');
  });
});
