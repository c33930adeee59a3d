/**
 * Configuration: the environment parsed once, at start, by one zod schema. Every bad key is named
 * in one ConfigError; nothing here exits the process or reads the environment on import.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** The embedded default model shipped in models/. */
export const DEFAULT_MODEL_ID = 'morelike-glove-sif-100d';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** `*` or an origin (`https://news.example`, `http://localhost:8080`), as browsers send it. */
function toOrigin(entry: string): string | undefined {
  if (entry === '*') {
    return entry;
  }
  if (!URL.canParse(entry)) {
    return undefined;
  }
  const url = new URL(entry);
  const bare = url.pathname === '/' && url.search === '' && url.hash === '';
  const plain = url.username === '' && url.password === '';
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  return bare && plain && web && !entry.endsWith('?') && !entry.endsWith('#')
    ? url.origin
    : undefined;
}

/** Comma-separated origins, each checked at start, so a typo fails loudly instead of blocking. */
const corsOrigins = z
  .string()
  .default('*')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    const origins: string[] = [];
    for (const entry of entries) {
      const origin = toOrigin(entry);
      if (origin === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${JSON.stringify(entry)} is not * or an origin such as https://news.example (scheme and host, optional port, no path)`,
        });
      } else {
        origins.push(origin);
      }
    }
    return origins;
  });

const STORE_URL_RULE =
  'must be empty (SQLite in MORELIKE_DATA_DIR) or postgres://user:password@host:port/database';

/** True when `value` is a PostgreSQL URL naming a host and a database. */
export function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  const scheme = url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  return scheme && url.hostname !== '' && /^\/[^/]+$/.test(url.pathname);
}

/**
 * The shared store's URL, or undefined for SQLite. The message never repeats the value: it
 * holds a password.
 */
const storeUrl = z
  .string()
  .default('')
  .transform((value) => value.trim())
  .refine((value) => value === '' || isPostgresUrl(value), { error: STORE_URL_RULE })
  .transform((value) => (value === '' ? undefined : value));

/** A whole number in `min..max` ("must be 0..16"), `fallback` when unset. */
const wholeInRange = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min}..${max}` })
    .max(max, { error: `must be ${min}..${max}` })
    .default(fallback);

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

export const EnvSchema = z.object({
  PORT: wholeInRange(0, 65_535, 3000),
  HOST: z.string().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  MORELIKE_DATA_DIR: z.string().min(1, { error: 'must not be empty' }).default('./data'),
  /** PostgreSQL store shared by several servers; empty: SQLite in the data folder. */
  MORELIKE_STORE_URL: storeUrl,
  MORELIKE_MODEL: z.string().min(1, { error: 'must not be empty' }).default(DEFAULT_MODEL_ID),
  MORELIKE_MODELS_DIR: z.string().min(1, { error: 'must not be empty' }).default('./models'),
  MORELIKE_ALLOW_REMOTE_MODELS: bool(false),
  /** Hugging Face hub (or a mirror) for `model pull` and remote model loading. */
  MORELIKE_HUB_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://huggingface.co'),
  MORELIKE_API_KEYS: commaList,
  MORELIKE_CORS_ORIGINS: corsOrigins,
  MORELIKE_DEMO: bool(true),
  MORELIKE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** Largest accepted request body, in bytes (413 beyond). */
  MORELIKE_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024, 100 * 1024 * 1024),
  /** Most items in one batch (contract: 1000). */
  MORELIKE_MAX_BATCH: positiveInt(1000, 1000),
  /** Requests per minute per client for draft previews (POST /v1/related). */
  MORELIKE_RATE_LIMIT_PREVIEW: positiveInt(120, 1_000_000),
  /** Requests per minute per client for writes. */
  MORELIKE_RATE_LIMIT_WRITE: positiveInt(600, 1_000_000),
  /**
   * Proxies in front of the server whose X-Forwarded-For entries are believed when rate limits
   * name the client. 0 (default): the socket address only, so a client cannot pick its address.
   */
  MORELIKE_TRUST_PROXY: wholeInRange(0, 10, 0),
  /**
   * Worker threads that embed (and analyse) big batches in parallel during ingest and reindex
   * (0 = everything on the main thread). Default: one per core (1..4): on 2 cores, 2 workers
   * beside the main thread (which stores and indexes) ingested 30,000 articles at 839/s against
   * 690/s with 1 worker and 590/s with none. Workers start on the first big batch and stop
   * after 30 s idle, so a serving process that never ingests in bulk never pays their memory.
   */
  MORELIKE_EMBED_THREADS: wholeInRange(0, 16, Math.min(4, Math.max(1, availableParallelism()))),
  /**
   * Articles of a language an archive model (`morelike model train`) must have been trained on
   * before its embedding counts for that language (below: lexical evidence alone). Default 400,
   * the model registry's MIN_ARCHIVE_ARTICLES, measured on bbc subsets (README).
   */
  MORELIKE_ARCHIVE_MIN_ARTICLES: wholeInRange(0, 1_000_000, 400),
  /**
   * Worker threads that compute materialised lists when thousands are due at once (after a big
   * ingest or a statistics refresh), beside the main thread (0 = the main thread only). Default:
   * one fewer than the cores (at least 1). They load copies of the index snapshots, so each
   * holds ~2.5 KB per article while it runs, and they end when the backlog is done.
   */
  MORELIKE_LIST_THREADS: wholeInRange(0, 16, Math.max(1, availableParallelism() - 1)),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://...` of a shared PostgreSQL store; undefined: SQLite in `dataDir`. */
  storeUrl: string | undefined;
  modelId: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  hubUrl: string;
  apiKeys: readonly string[];
  corsOrigins: readonly string[];
  demo: boolean;
  logLevel: z.output<typeof EnvSchema>['MORELIKE_LOG_LEVEL'];
  maxBodyBytes: number;
  maxBatch: number;
  rateLimitPreviewPerMinute: number;
  rateLimitWritePerMinute: number;
  /** Proxy hops trusted for X-Forwarded-For (0 = none). */
  trustProxy: number;
  embedThreads: number;
  /** Trained articles of a language before an archive model counts for it. */
  archiveMinArticles: number;
  listThreads: number;
}>;

/** Parses `source` (the environment by default) into a frozen Config, or throws CONFIG_INVALID naming every bad key. */
export function loadConfig(
  source: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const detail = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${detail}`, {
      details: { issues },
    });
  }
  const env = result.data;
  return Object.freeze({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.MORELIKE_DATA_DIR,
    storeUrl: env.MORELIKE_STORE_URL,
    modelId: env.MORELIKE_MODEL,
    modelsDir: env.MORELIKE_MODELS_DIR,
    allowRemoteModels: env.MORELIKE_ALLOW_REMOTE_MODELS,
    hubUrl: env.MORELIKE_HUB_URL.replace(/\/+$/, ''),
    apiKeys: Object.freeze(env.MORELIKE_API_KEYS),
    corsOrigins: Object.freeze(env.MORELIKE_CORS_ORIGINS),
    demo: env.MORELIKE_DEMO,
    logLevel: env.MORELIKE_LOG_LEVEL,
    maxBodyBytes: env.MORELIKE_MAX_BODY_BYTES,
    maxBatch: env.MORELIKE_MAX_BATCH,
    rateLimitPreviewPerMinute: env.MORELIKE_RATE_LIMIT_PREVIEW,
    rateLimitWritePerMinute: env.MORELIKE_RATE_LIMIT_WRITE,
    trustProxy: env.MORELIKE_TRUST_PROXY,
    embedThreads: env.MORELIKE_EMBED_THREADS,
    archiveMinArticles: env.MORELIKE_ARCHIVE_MIN_ARTICLES,
    listThreads: env.MORELIKE_LIST_THREADS,
  });
}
