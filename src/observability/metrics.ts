/**
 * Prometheus metrics with prom-client, in a registry per app (tests build many apps): request
 * count and latency per route and status, articles indexed, embedding time and index size.
 * Gauges read the services when scraped, so they are never stale.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Embedder } from '../embedding/embedder.js';

/** What the gauges read at scrape time. */
export interface MetricsSource {
  /** Articles in the store. */
  articles(): number | Promise<number>;
  /** Live vectors in the index. */
  indexSize(): number;
}

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Articles stored through the API, by outcome (created, updated, unchanged). */
  readonly articlesUpserted: Counter<'result'>;
  readonly embeddingDuration: Histogram;
  /** Connects the gauges to the live services. */
  bind(source: MetricsSource): void;
}

export interface MetricsOptions {
  /** Also collect Node process metrics (memory, event loop); off in unit tests. */
  readonly processMetrics?: boolean;
}

/** Creates a fresh registry with every morelike metric. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  let source: MetricsSource | undefined;
  if (options.processMetrics) {
    collectDefaultMetrics({ register: registry });
  }
  const httpRequests = new Counter({
    name: 'morelike_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'morelike_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const articlesUpserted = new Counter({
    name: 'morelike_articles_upserted_total',
    help: 'Articles stored through the API, by result (created, updated, unchanged)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const embeddingDuration = new Histogram({
    name: 'morelike_embedding_duration_seconds',
    help: 'Time to embed one call of texts, in seconds',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'morelike_articles_indexed',
    help: 'Articles in the store',
    registers: [registry],
    async collect() {
      this.set(source ? await source.articles() : 0);
    },
  });
  new Gauge({
    name: 'morelike_index_size',
    help: 'Vectors in the nearest-neighbour index',
    registers: [registry],
    collect() {
      this.set(source ? source.indexSize() : 0);
    },
  });
  return {
    registry,
    httpRequests,
    httpDuration,
    articlesUpserted,
    embeddingDuration,
    bind(next) {
      source = next;
    },
  };
}

/**
 * Times every `embed` call of `embedder` into the embedding histogram. It wraps the method in
 * place because the use cases already hold this embedder object; call it once per embedder.
 */
export function instrumentEmbedder(embedder: Embedder, metrics: Metrics): void {
  const embed = embedder.embed.bind(embedder);
  embedder.embed = async (inputs) => {
    const stop = metrics.embeddingDuration.startTimer();
    try {
      return await embed(inputs);
    } finally {
      stop();
    }
  };
}
