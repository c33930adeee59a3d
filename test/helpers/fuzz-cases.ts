/**
 * A seeded generator of malformed and hostile HTTP requests for the fuzz suite and the soak
 * script: random and wrong-typed JSON, huge strings, invalid UTF-8, deep nesting (10,000 levels),
 * HTML bodies nested 3,000 deep, odd ids, `__proto__`/`constructor` keys, path tricks, wrong
 * content types and bad query options, sent with and without the API key. The same seed always
 * yields the same requests.
 */
import {
  BAD_QUERIES,
  CONTENT_TYPES,
  createRng,
  deepJson,
  int,
  invalidUtf8,
  ODD_IDS,
  OPTION_TYPES,
  PATH_TRICKS,
  pick,
  type Rng,
  randomJson,
} from './fuzz-values.js';

/** One request as it goes on the wire (the path is sent as is, never normalised). */
export interface FuzzRequest {
  /** Which family of hostile input this is, for reports. */
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

export interface FuzzOptions {
  /** The valid API key; about 60% of the requests carry it. */
  readonly apiKey: string;
  /** Ids of valid articles come from a pool this large, so valid writes overwrite (flat memory). */
  readonly idPool?: number;
}

type Builder = (rng: Rng, auth: Record<string, string>, pool: number) => Omit<FuzzRequest, 'kind'>;

const WRITE_ROUTES = ['/v1/articles/batch', '/v1/related', '/v1/articles/fz-1'] as const;
const json = { 'Content-Type': 'application/json' };

const method = (path: string) => (path === '/v1/articles/fz-1' ? 'PUT' : 'POST');
const jsonTo = (rng: Rng, auth: Record<string, string>, body: string | Uint8Array) => {
  const path = pick(rng, WRITE_ROUTES);
  return { method: method(path), path, headers: { ...auth, ...json }, body };
};

const WRONG_TYPED: readonly unknown[] = [
  { title: 42 },
  { title: ['a'] },
  { title: 'ok', body: { html: '<p>' } },
  { title: 'ok', tags: 'politics' },
  { title: 'ok', tags: Array.from({ length: 60 }, (_, i) => `t${i}`) },
  { title: 'ok', url: 'javascript:alert(1)' },
  { title: 'ok', image: 'file:///etc/passwd' },
  { title: 'ok', publishedAt: 'yesterday' },
  { title: 'ok', language: 'english please' },
  { title: '   ' },
  { title: 'ok', id: 'other-id' },
  { title: 'ok', limit: 'ten', minScore: 7, diversity: -1 },
  { title: 'ok', sections: { a: 1 }, excludeIds: [1, 2] },
  JSON.parse('{"__proto__":{"polluted":true},"title":"proto"}'),
  { constructor: { prototype: { polluted: true } }, title: 'ctor' },
  { pinned: 'a', blocked: [null] },
  { pinned: ['same'], blocked: ['same'] },
];

const BUILDERS: Record<string, Builder> = {
  randomJson: (rng, auth) => jsonTo(rng, auth, JSON.stringify(randomJson(rng)) ?? 'null'),
  wrongTyped: (rng, auth) => jsonTo(rng, auth, JSON.stringify(pick(rng, WRONG_TYPED))),
  protoKeys: (rng, auth) =>
    jsonTo(
      rng,
      auth,
      pick(rng, [
        '{"__proto__":{"isAdmin":true},"title":"x"}',
        '[{"__proto__":{"id":"evil"},"id":"p1","title":"x"}]',
        '{"constructor":{"prototype":{"x":1}},"title":"y"}',
        '{"title":"t","__proto__":null}',
      ]),
    ),
  hugeString: (rng, auth) => {
    const size = pick(rng, [200_001, 300_000, 1_100_000]);
    return jsonTo(rng, auth, JSON.stringify({ title: 'big', body: 'b'.repeat(size) }));
  },
  hugeTitle: (rng, auth) => jsonTo(rng, auth, JSON.stringify({ title: 't'.repeat(50_000) })),
  invalidUtf8: (rng, auth) => jsonTo(rng, auth, invalidUtf8(rng)),
  brokenJson: (rng, auth) =>
    jsonTo(rng, auth, pick(rng, ['{', '{"title":', '[1,2', '{"a":1}}', 'nul', '\u0000', ''])),
  deepNesting: (rng, auth) => jsonTo(rng, auth, deepJson(pick(rng, [1000, 10_000]), rng() < 0.5)),
  nestedMarkup: (rng, auth) => {
    const body = `${pick(rng, ['<div>', '<span>', '<b><i>', '<ul><li>']).repeat(3_000)}text`;
    return jsonTo(rng, auth, JSON.stringify({ id: 'fz-deep', title: 'deep markup', body }));
  },
  deepInField: (rng, auth) =>
    jsonTo(rng, auth, `{"title":"deep","tags":${deepJson(10_000, false)}}`),
  oddId: (rng, auth) => {
    const id = pick(rng, ODD_IDS);
    const path = pick(rng, [
      `/v1/articles/${id}`,
      `/v1/articles/${id}/related`,
      `/v1/articles/${id}/overrides`,
    ]);
    const verb = pick(rng, ['GET', 'PUT', 'DELETE', 'GET']);
    const body = verb === 'PUT' ? JSON.stringify({ title: 'odd id', pinned: [], blocked: [] }) : '';
    return { method: verb, path, headers: { ...auth, ...json }, body: body || undefined };
  },
  pathTrick: (rng, auth) => ({
    method: pick(rng, ['GET', 'GET', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
    path: pick(rng, PATH_TRICKS),
    headers: auth,
  }),
  contentType: (rng, auth) => {
    const type = pick(rng, CONTENT_TYPES);
    const path = pick(rng, WRITE_ROUTES);
    const body = pick(rng, ['{"title":"x"}', 'title=x', '[{"id":"c1","title":"x"}]', '<a/>']);
    return { method: method(path), path, headers: { ...auth, 'Content-Type': type }, body };
  },
  badQuery: (rng, auth, pool) => ({
    method: 'GET',
    path: `/v1/articles/fz-${int(rng, pool)}/related?${pick(rng, BAD_QUERIES)}`,
    headers: auth,
  }),
  badDraftOptions: (rng, auth) => {
    const [option, value] = pick(rng, [...OPTION_TYPES, ['limit', '1e309'], ['limit', '-0']]);
    const body = `{"title":"storm at sea","${option}":${value}}`;
    return { method: 'POST', path: '/v1/related', headers: { ...auth, ...json }, body };
  },
  ndjson: (rng, auth, pool) => {
    const lines = Array.from({ length: int(rng, 20) }, (_, i) =>
      rng() < 0.5
        ? JSON.stringify({ id: `fz-${(i * 7) % pool}`, title: `ndjson item ${i}` })
        : pick(rng, ['{', 'null', '[]', '"str"', JSON.stringify(randomJson(rng))]),
    );
    const headers = { ...auth, 'Content-Type': 'application/x-ndjson' };
    return { method: 'POST', path: '/v1/articles/batch', headers, body: lines.join('\n') };
  },
  tooManyItems: (_rng, auth) => ({
    method: 'POST',
    path: '/v1/articles/batch',
    headers: { ...auth, ...json },
    body: JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ id: `m${i}`, title: 'x' }))),
  }),
  badAuth: (rng) => ({
    method: 'PUT',
    path: '/v1/articles/fz-auth',
    headers: {
      Authorization: pick(rng, [
        'Bearer',
        'Bearer  ',
        'Basic Zm9vOmJhcg==',
        'bearer x y',
        'Bearer \u00e9',
      ]),
      ...json,
    },
    body: '{"title":"x"}',
  }),
  oddHeaders: (rng, auth, pool) => ({
    method: 'GET',
    path: `/v1/articles/fz-${int(rng, pool)}/related`,
    headers: {
      ...auth,
      'If-None-Match': pick(rng, ['*', 'W/"', '"a", W/"b"', 'x'.repeat(8000)]),
      'X-Request-Id': pick(rng, ['../../etc', 'a'.repeat(500), '<script>', '\u00ff']),
    },
  }),
  valid: (rng, auth, pool) => ({
    method: 'PUT',
    path: `/v1/articles/fz-${int(rng, pool)}`,
    headers: { ...auth, ...json },
    body: JSON.stringify({
      title: pick(rng, ['Storm floods the harbour', 'Cup final penalty', 'Bakery oven bread']),
      body: 'Some body text about the harbour wall and the rain. '.repeat(int(rng, 20) + 1),
      tags: ['fuzz'],
    }),
  }),
};

const KINDS = Object.keys(BUILDERS);

/** Yields `count` hostile requests from `seed`; anonymous about 40% of the time. */
export function* fuzzCases(
  seed: number,
  count: number,
  options: FuzzOptions,
): Generator<FuzzRequest> {
  const rng = createRng(seed);
  const pool = options.idPool ?? 40;
  for (let i = 0; i < count; i += 1) {
    const kind = pick(rng, KINDS);
    const auth: Record<string, string> =
      rng() < 0.6 ? { Authorization: `Bearer ${options.apiKey}` } : {};
    const build = BUILDERS[kind] as Builder;
    yield { kind, ...build(rng, auth, pool) };
  }
}
