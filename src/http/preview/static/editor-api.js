/*
 * Editor page, API calls: the same-origin JSON API (contract routes plus GET /v1/search), problem+json
 * errors turned into ApiError with the server's `detail`, and the API key kept in sessionStorage
 * (this tab only, gone when the tab closes).
 */

const KEY_STORAGE = 'morelike.apiKey';

/** A failed API call; `message` is the server's problem `detail`, safe to show. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The API key of this tab, or ''. */
export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

/** Keeps `key` for this tab ('' forgets it). */
export function setKey(key) {
  try {
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
  } catch {
    // Storage disabled: the key then lives only as long as the page.
  }
}

async function call(path, { method = 'GET', body, signal, auth = false, key } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (auth) {
    headers.Authorization = `Bearer ${key ?? getKey()}`;
  }
  // Revalidate every read: related lists are cacheable for readers, but an editor must see a pin at once.
  const init = { method, headers, signal, credentials: 'same-origin', cache: 'no-cache' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data && (data.detail || data.title);
    throw new ApiError(
      response.status,
      data?.code || 'HTTP_ERROR',
      detail || `The server answered ${response.status}`,
    );
  }
  return data;
}

const enc = encodeURIComponent;

/** Stored articles whose title holds the words of `q`, or whose id starts with it. */
export function searchArticles(q, limit, signal) {
  return call(`/v1/search?q=${enc(q)}&limit=${limit}`, { signal });
}

/** One stored article. */
export function getArticle(id, signal) {
  return call(`/v1/articles/${enc(id)}`, { signal });
}

/** The related list of a stored article; `options` as from readOptions(). */
export function relatedFor(id, options, signal) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options)) {
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return call(`/v1/articles/${enc(id)}/related?${params}`, { signal });
}

/** The related list of an unsaved draft. */
export function relatedForDraft(draft, options, signal) {
  return call('/v1/related', { method: 'POST', body: { ...draft, ...options }, signal });
}

/** Pins and blocks of a stored article. */
export function getOverrides(id, signal) {
  return call(`/v1/articles/${enc(id)}/overrides`, { signal });
}

/** Replaces pins and blocks of a stored article (needs the API key). */
export function putOverrides(id, overrides) {
  return call(`/v1/articles/${enc(id)}/overrides`, { method: 'PUT', body: overrides, auth: true });
}

/** Resolves when the server accepts `key` (GET /v1/auth answers 204); throws ApiError otherwise. */
export async function checkKey(key) {
  await call('/v1/auth', { auth: true, key });
}
