/**
 * Concurrent writers and readers against a running server, for the concurrency suite and the
 * soak script: writers PUT distinct ids and POST batches and record every acknowledged id;
 * readers GET articles they know were acknowledged (must be 200), unknown ids (must be 404) and
 * related lists. Every answer outside the expected statuses is counted as an error.
 */
import { variedArticle } from './varied-corpus.js';

export interface LoadOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly writers: number;
  readonly readers: number;
  readonly durationMs: number;
  /** Largest batch a writer sends (1 = PUTs only). */
  readonly maxBatch?: number;
  /** Prefix of every written id, so loads against servers sharing a store never collide. */
  readonly idPrefix?: string;
}

export interface LoadResult {
  /** Every id a write answered 2xx for. */
  readonly acknowledged: ReadonlySet<string>;
  readonly writes: number;
  readonly reads: number;
  /** One line per unexpected answer. */
  readonly errors: readonly string[];
  /** Related-list latencies in milliseconds. */
  readonly relatedMs: readonly number[];
}

/** Runs the writers and readers until `durationMs` has passed. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const acknowledged = new Set<string>();
  const known: string[] = [];
  const errors: string[] = [];
  const relatedMs: number[] = [];
  const deadline = Date.now() + options.durationMs;
  const maxBatch = options.maxBatch ?? 20;
  const auth = { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' };
  let writes = 0;
  let reads = 0;

  const acknowledge = (ids: readonly string[]) => {
    for (const id of ids) {
      acknowledged.add(id);
      known.push(id);
    }
  };

  const writer = async (w: number) => {
    for (let n = 0; Date.now() < deadline; n += 1) {
      writes += 1;
      const size = n % 2 === 0 ? 1 : 2 + (n % Math.max(1, maxBatch - 1));
      const items = Array.from({ length: size }, (_, k) =>
        variedArticle(`${options.idPrefix ?? ''}w${w}-${n}-${k}`, n * 31 + k + w),
      );
      const res =
        size === 1
          ? await fetch(`${options.url}/v1/articles/${items[0]?.id}`, {
              method: 'PUT',
              headers: auth,
              body: JSON.stringify(items[0]),
            })
          : await fetch(`${options.url}/v1/articles/batch`, {
              method: 'POST',
              headers: auth,
              body: JSON.stringify(items),
            });
      const body = (await res.json()) as { accepted?: number; rejected?: unknown[] };
      const ok = size === 1 ? res.status === 201 : res.status === 200 && body.accepted === size;
      if (ok) {
        acknowledge(items.map((i) => i.id));
      } else {
        errors.push(`write ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
  };

  const reader = async (r: number) => {
    for (let n = 0; Date.now() < deadline; n += 1) {
      reads += 1;
      const id = known[(n * 7919 + r) % Math.max(1, known.length)];
      if (id === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const which = n % 3;
      const started = performance.now();
      const path =
        which === 0
          ? `/v1/articles/${id}`
          : which === 1
            ? `/v1/articles/${id}/related`
            : `/v1/articles/never-${r}-${n}`;
      const res = await fetch(`${options.url}${path}`);
      await res.arrayBuffer();
      if (which === 1) {
        relatedMs.push(performance.now() - started);
      }
      const expected = which === 2 ? 404 : 200;
      if (res.status !== expected) {
        errors.push(`read ${path} ${res.status}, expected ${expected}`);
      }
    }
  };

  await Promise.all([
    ...Array.from({ length: options.writers }, (_, w) => writer(w)),
    ...Array.from({ length: options.readers }, (_, r) => reader(r)),
  ]);
  return { acknowledged, writes, reads, errors, relatedMs };
}

/** The value at quantile `q` (0..1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
