/**
 * `createClient`: a small, dependency-free client of the morelike HTTP API built on `fetch`
 * (Node 18+, browsers, Deno, Bun, edge runtimes). Every method answers the typed body or throws
 * a `MorelikeError` with the API's `code` and the HTTP `status`.
 */
import { errorFrom, MorelikeError } from './errors.js';
import type {
  Article,
  ArticleInput,
  BatchAnswer,
  DraftInput,
  Overrides,
  OverridesInput,
  RelatedList,
  RelatedOptions,
  SearchAnswer,
  Stats,
  UpsertAnswer,
} from './types.js';

export interface ClientOptions {
  /** The service's origin, e.g. `https://morelike.example.com`. */
  readonly baseUrl: string;
  /** A key from MORELIKE_API_KEYS; needed for writes only. */
  readonly apiKey?: string;
  /** Another fetch (a test app's, Next.js's with cache options); global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Give up after this many milliseconds (TIMEOUT); default 10,000. */
  readonly timeoutMs?: number;
  /** Extra RequestInit for every request, e.g. `{ next: { revalidate: 60 } }` in Next.js. */
  readonly init?: RequestInit & Record<string, unknown>;
}

/** The API, one method per operation. */
export interface MorelikeClient {
  related(id: string, options?: RelatedOptions): Promise<RelatedList>;
  /** The list for an unsaved draft; `options.tags` filters (the draft's own tags are its own). */
  draftRelated(draft: DraftInput, options?: RelatedOptions): Promise<RelatedList>;
  getArticle(id: string): Promise<Article>;
  /** Upsert; `created` tells a new article (201) from an update (200). */
  putArticle(article: ArticleInput): Promise<UpsertAnswer & { created: boolean }>;
  deleteArticle(id: string): Promise<void>;
  batch(articles: readonly ArticleInput[]): Promise<BatchAnswer>;
  getOverrides(id: string): Promise<Overrides>;
  putOverrides(id: string, overrides: OverridesInput): Promise<Overrides>;
  search(q: string, options?: { readonly limit?: number }): Promise<SearchAnswer>;
  stats(): Promise<Stats>;
  /** Resolves when the client's key may write; throws AUTH_REQUIRED or AUTH_INVALID if not. */
  checkKey(): Promise<void>;
}

type Query = Record<string, string | number | readonly string[] | undefined>;

const articlePath = (id: string) => `/v1/articles/${encodeURIComponent(id)}`;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Creates a client for the service at `options.baseUrl`. */
export function createClient(options: ClientOptions): MorelikeClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    withKey = method !== 'GET',
  ): Promise<[T, number]> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.apiKey !== undefined && withKey) {
      headers.Authorization = `Bearer ${options.apiKey}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...options.init,
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      const code = timedOut ? 'TIMEOUT' : 'NETWORK_ERROR';
      const message = timedOut ? `No answer within ${timeoutMs} ms` : `Cannot reach ${base}`;
      throw new MorelikeError(code, 0, message, { cause });
    }
    if (!response.ok) {
      throw await errorFrom(response);
    }
    const data = response.status === 204 ? undefined : await response.json();
    return [data as T, response.status];
  }
  const get = async <T>(path: string) => (await call<T>('GET', path))[0];

  return {
    related: (id, opts = {}) => get(`${articlePath(id)}/related${queryString(opts)}`),
    draftRelated: async (draft, opts = {}) => {
      const { tags, ...bodyOptions } = opts;
      const path = `/v1/related${queryString({ tags })}`;
      return (await call<RelatedList>('POST', path, { ...draft, ...bodyOptions }))[0];
    },
    getArticle: (id) => get(articlePath(id)),
    putArticle: async (article) => {
      const [answer, status] = await call<UpsertAnswer>('PUT', articlePath(article.id), article);
      return { ...answer, created: status === 201 };
    },
    deleteArticle: async (id) => {
      await call('DELETE', articlePath(id));
    },
    batch: async (articles) => (await call<BatchAnswer>('POST', '/v1/articles/batch', articles))[0],
    getOverrides: (id) => get(`${articlePath(id)}/overrides`),
    putOverrides: async (id, overrides) =>
      (await call<Overrides>('PUT', `${articlePath(id)}/overrides`, overrides))[0],
    search: (q, opts = {}) => get(`/v1/search${queryString({ q, limit: opts.limit })}`),
    stats: () => get('/v1/stats'),
    checkKey: async () => {
      await call('GET', '/v1/auth', undefined, true);
    },
  };
}
