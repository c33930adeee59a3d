/**
 * Browser-test helper: the real morelike server (the shared `startTestServer`: real buildServices,
 * SQLite in a temp data folder, the shipped model, HNSW) on port 0, loaded with the handwritten
 * fixture corpus through the public batch route, as a newsroom would load it.
 */
import { readFileSync } from 'node:fs';
import { startTestServer, TEST_API_KEY } from '../../helpers/test-server.js';

export { TEST_API_KEY };

const FIXTURE = new URL('../../fixtures/preview-articles.json', import.meta.url);

/** One fixture article, as the batch route accepts it. */
export interface FixtureArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly section: string;
  readonly publishedAt: string;
}

/** The fixture corpus: a dozen handwritten news articles in four stories, plus one recipe. */
export function fixtureArticles(): FixtureArticle[] {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as FixtureArticle[];
}

/** A running server holding the fixture corpus. */
export interface PreviewServer {
  /** Origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** A write with the test key (e.g. to reset overrides between tests). */
  write(path: string, method: 'PUT' | 'POST', body: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the server in a fresh temp data folder and stores the fixture corpus. */
export async function startPreviewServer(): Promise<PreviewServer> {
  // Browser tests type fast: no rate limit should slow a draft preview down.
  const server = await startTestServer({
    MORELIKE_RATE_LIMIT_PREVIEW: '100000',
    MORELIKE_RATE_LIMIT_WRITE: '100000',
  });
  const write = (path: string, method: 'PUT' | 'POST', body: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const loaded = await write('/v1/articles/batch', 'POST', fixtureArticles());
  const answer = (await loaded.json()) as { accepted?: number };
  if (!loaded.ok || answer.accepted !== fixtureArticles().length) {
    await server.close();
    throw new Error(`Loading the fixture failed: ${loaded.status} ${JSON.stringify(answer)}`);
  }
  return { url: server.url, write, close: () => server.close() };
}
