import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices } from '../../../test/helpers/fake-services.js';
import { problem, send } from '../../../test/helpers/requests.js';
import type { Services } from '../../services.js';
import { createApp } from '../app.js';

let services: Services;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  services = await createFakeServices({ config: { maxBatch: 5 } });
  app = createApp(services);
});

describe('POST /v1/articles/batch', () => {
  it('stores every item of a JSON array', async () => {
    const items = [
      { id: 'a', title: 'First' },
      { id: 'b', title: 'Second' },
    ];
    const res = await app.request('/v1/articles/batch', send('POST', items));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, rejected: [] });
    expect(await services.store.count()).toBe(2);
  });

  it('stores the valid items and reports each bad one by index, id and reasons', async () => {
    const items = [
      { id: 'a', title: 'Good' },
      { id: 'b' },
      { title: 'no id' },
      { id: 'c', title: 'Good too' },
    ];
    const res = await app.request('/v1/articles/batch', send('POST', items));
    const body = (await res.json()) as { accepted: number; rejected: unknown[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, id: 'b', errors: [{ field: 'title', message: 'is required' }] },
      { index: 2, errors: [{ field: 'id', message: 'is required' }] },
    ]);
    expect(await services.store.get('a')).toBeDefined();
    expect(await services.store.get('c')).toBeDefined();
    expect(await services.store.get('b')).toBeUndefined();
  });

  it('reads NDJSON, reporting lines that are not JSON by 0-based line number', async () => {
    const text = '{"id":"a","title":"One"}\n\n{not json}\n\n{"id":"b"}\n{"id":"c","title":"3"}\n';
    const res = await app.request(
      '/v1/articles/batch',
      send('POST', text, { type: 'application/x-ndjson' }),
    );
    expect(await res.json()).toEqual({
      accepted: 2,
      rejected: [
        { index: 2, errors: [{ field: '', message: 'is not valid JSON' }] },
        { index: 4, id: 'b', errors: [{ field: 'title', message: 'is required' }] },
      ],
    });
    expect(await services.store.count()).toBe(2);
  });

  it('does not count blank NDJSON lines as items against the batch limit', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => `{"id":"a${i}","title":"T"}`);
    const res = await app.request(
      '/v1/articles/batch',
      send('POST', `\n\n${lines.join('\n\n')}\n\n`, { type: 'application/x-ndjson' }),
    );
    expect(await res.json()).toEqual({ accepted: 5, rejected: [] });
  });

  it('returns 413 BATCH_TOO_LARGE beyond the batch limit and stores nothing', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, title: 'T' }));
    const res = await app.request('/v1/articles/batch', send('POST', items));
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(await services.store.count()).toBe(0);
  });

  it('returns 400 VALIDATION_FAILED for a JSON body that is not an array', async () => {
    const res = await app.request('/v1/articles/batch', send('POST', { id: 'a', title: 'T' }));
    expect(await problem(res)).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('returns 415 UNSUPPORTED_MEDIA_TYPE for CSV', async () => {
    const res = await app.request(
      '/v1/articles/batch',
      send('POST', 'id,title', { type: 'text/csv' }),
    );
    expect(await problem(res)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
  });

  it('returns 401 AUTH_INVALID for a wrong key and stores nothing', async () => {
    const res = await app.request(
      '/v1/articles/batch',
      send('POST', [{ id: 'a', title: 'T' }], { key: 'wrong' }),
    );
    expect(res.status).toBe(401);
    expect(await problem(res)).toMatchObject({ code: 'AUTH_INVALID' });
    expect(await services.store.count()).toBe(0);
  });
});
