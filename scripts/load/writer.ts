/**
 * Article writes during a load mix: N a second, each a new article of the story of a random
 * stored article S (S's title, every other body word swapped for a word of another article: the
 * same story, not a copy), PUT over HTTP with an API key. After the 2xx it polls the list of
 * T, the first item of S's list (an article of the story), until the new article shows there:
 * that wait is the write's freshness. Writes whose article never shows within the timeout are
 * counted apart (the new article may simply not rank in T's list).
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

const POLL_MS = 10;

/** Starts writing; `stop()` ends it and resolves when every write in flight has settled. */
export function startWriter(options: WriterOptions): { stop(): Promise<WriterFigures> } {
  const random = createRandom(options.seed);
  const pick = () => options.ids[Math.floor(random() * options.ids.length)] as string;
  const figures = { writes: 0, failed: 0, freshnessMs: [] as number[], neverShown: 0 };
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  const get = async <T>(path: string): Promise<T> =>
    (await fetch(`${options.url}${path}`)).json() as Promise<T>;
  const related = (id: string) =>
    get<{ items: { id: string }[] }>(`/v1/articles/${encodeURIComponent(id)}/related`);

  const writeOne = async () => {
    const source = pick();
    const story = (await related(source)).items[0]?.id;
    if (story === undefined) {
      return;
    }
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
    const { title, section, language, publishedAt } = article;
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
      if ((await related(story)).items.some((item) => item.id === id)) {
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
