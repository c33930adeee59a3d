/**
 * Article writes during a load mix: N a second, each a new article of the story of a random
 * stored article S (S's title, every other body word swapped for a word of another article, an
 * hour after S: the same story, not a copy), PUT over HTTP with an API key. After the 2xx it polls
 * S's list (limit 10) every 50 ms until the new article shows there:
 * that wait is the write's freshness. Writes whose article never shows within the timeout are
 * counted apart (the new article may simply not rank in S's top ten).
 */
import { createRandom } from '../../src/bench/synthetic-corpus.js';

export interface WriterOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly ids: readonly string[];
  readonly perSec: number;
  readonly seed: number;
  readonly timeoutMs?: number;
}

export interface WriterFigures {
  readonly writes: number;
  readonly failed: number;
  /** Writes whose article showed in the story's list: ms from the 2xx until it did. */
  readonly freshnessMs: number[];
  readonly neverShown: number;
}

interface StoredArticle {
  title: string;
  body: string;
  section?: string;
  language?: string;
  publishedAt?: string;
}

/** Poll interval: fine enough for the figure, coarse enough not to add load of its own. */
const POLL_MS = 50;
const HOUR_MS = 3_600_000;
/** The new article counts as shown when it is among this many items of the story's list. */
const SHOWN_LIMIT = 10;

/** Starts writing; `stop()` ends it and resolves when every write in flight has settled. */
export function startWriter(options: WriterOptions): { stop(): Promise<WriterFigures> } {
  const random = createRandom(options.seed);
  const pick = () => options.ids[Math.floor(random() * options.ids.length)] as string;
  const figures = { writes: 0, failed: 0, freshnessMs: [] as number[], neverShown: 0 };
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  const get = async <T>(path: string): Promise<T> =>
    (await fetch(`${options.url}${path}`)).json() as Promise<T>;
  const related = (id: string, limit = 6) =>
    get<{ items: { id: string }[] }>(
      `/v1/articles/${encodeURIComponent(id)}/related?limit=${limit}`,
    );

  const writeOne = async () => {
    const source = pick();
    const story = source;
    const [article, other] = await Promise.all([
      get<StoredArticle>(`/v1/articles/${encodeURIComponent(source)}`),
      get<StoredArticle>(`/v1/articles/${encodeURIComponent(pick())}`),
    ]);
    const mix = other.body.split(' ');
    const body = article.body
      .split(' ')
      .map((word, i) => (i % 2 === 1 ? (mix[i % mix.length] ?? word) : word))
      .join(' ');
    const id = `load-write-${options.seed}-${n++}`;
    const { title, section, language } = article;
    // An hour after the story's article: the same story, and the fresher of two near-copies.
    const published = Date.parse(article.publishedAt ?? '') + HOUR_MS;
    const publishedAt = Number.isNaN(published) ? undefined : new Date(published).toISOString();
    const res = await fetch(`${options.url}/v1/articles/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.apiKey}` },
      body: JSON.stringify({ title, body, section, language, publishedAt }),
    });
    figures.writes += 1;
    if (!res.ok) {
      figures.failed += 1;
      return;
    }
    const acknowledged = performance.now();
    const deadline = acknowledged + (options.timeoutMs ?? 5000);
    while (performance.now() < deadline) {
      if ((await related(story, SHOWN_LIMIT)).items.some((item) => item.id === id)) {
        figures.freshnessMs.push(performance.now() - acknowledged);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    figures.neverShown += 1;
  };

  const timer = setInterval(() => {
    const write = writeOne().catch(() => {
      figures.failed += 1;
    });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
  }, 1000 / Math.max(0.001, options.perSec));
  if (options.perSec <= 0) {
    clearInterval(timer);
  }

  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return figures;
    },
  };
}
