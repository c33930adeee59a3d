/**
 * Request builders shared by the route unit tests (`app.request`) and the integration tests
 * (`fetch` against a real server): JSON bodies, the bearer key, problem-body reading.
 */
import { TEST_API_KEY } from './fake-services.js';

export interface InitOptions {
  /** Bearer key; `TEST_API_KEY` by default, `null` for none. */
  readonly key?: string | null;
  readonly headers?: Record<string, string>;
  /** Content type; application/json by default. */
  readonly type?: string;
}

/** A RequestInit with a JSON (or raw string) body and the test key. */
export function send(method: string, body?: unknown, options: InitOptions = {}): RequestInit {
  const key = options.key === undefined ? TEST_API_KEY : options.key;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (key !== null) {
    headers.Authorization = `Bearer ${key}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = options.type ?? 'application/json';
  }
  return {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

/** The parsed problem body, after checking it is `application/problem+json`. */
export async function problem(response: Response): Promise<Record<string, unknown>> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected a problem, got ${response.status} ${type}: ${await response.text()}`);
  }
  return (await response.json()) as Record<string, unknown>;
}

/** A minimal valid article body. */
export function articleBody(title: string, extra: Record<string, unknown> = {}) {
  return { title, body: `${title}. More text about ${title.toLowerCase()}.`, ...extra };
}
