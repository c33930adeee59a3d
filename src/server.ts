/**
 * The HTTP process: loadConfig -> listen -> buildServices -> serve. It listens first (readyz 503
 * while the model and index load), loads the demo corpus into an empty store, then swaps in the
 * full app. SIGTERM/SIGINT stop accepting, let requests in flight finish, save the index and exit 0.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { type Config, loadConfig } from './config/env.js';
import { loadDemoCorpus } from './demo/demo-loader.js';
import { AppError, isAppError } from './errors.js';
import { createApp, defaultAnswersOf } from './http/app.js';
import { createLoadingApp } from './http/loading-app.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, instrumentEmbedder } from './observability/metrics.js';
import { packageVersion } from './package-version.js';
import { buildServices, type Services } from './services.js';
import { archiveModelNotice } from './training/archive-record.js';

/** How often a running server checks whether the archive has outgrown an archive model. */
const GROWTH_CHECK_MS = 60 * 60 * 1000;

/** How long requests in flight may take to finish after a shutdown signal. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServerDeps {
  /** Builds the service graph (the real `buildServices` unless a caller injects another). */
  readonly build: (config: Config, log: (message: string) => void) => Promise<Services>;
  readonly logger?: Logger;
  /** The demo corpus to load into an empty store (the bundled one by default). */
  readonly demoCorpus?: URL | string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly port: number;
  /** Resolves once the full app answers; rejects when the services cannot be built. */
  readonly ready: Promise<void>;
  /** Stops accepting, waits for requests in flight, closes the services. Idempotent. */
  shutdown(): Promise<void>;
}

/** Starts listening at once, then builds the services and swaps in the full app. */
export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics({ processMetrics: true });
  let answer = createLoadingApp(logger, metrics).fetch;
  let services: Services | undefined;
  let closing: Promise<void> | undefined;
  let stopWatching: (() => void) | undefined;
  let stopRendering: (() => void) | undefined;
  const server = await listen(config, (request, env) => answer(request, env));
  const port = addressPort(server);
  logger.info({ port, host: config.host }, 'listening');

  const ready = (async () => {
    const started = performance.now();
    services = await deps.build(config, (message) => logger.info(message));
    await services.modelLoaded;
    instrumentEmbedder(services.embedder, metrics);
    if (config.demo) {
      const demo = await loadDemoCorpus(services, deps.demoCorpus);
      logger.info(demo, 'demo corpus');
    }
    // Every list's default answer is rendered in the background, so page views find it ready.
    const defaults = defaultAnswersOf(services);
    stopRendering = defaults.prerender();
    answer = createApp(services, { logger, metrics, version: packageVersion(), defaults }).fetch;
    const ms = Math.round(performance.now() - started);
    logger.info({ ms, articles: services.index.size() }, 'ready');
    stopWatching = watchArchiveGrowth(config, services, logger);
  })();
  ready.catch(() => {});

  const shutdown = () => {
    closing ??= (async () => {
      logger.info('shutting down: finishing requests in flight');
      await closeServer(server, SHUTDOWN_GRACE_MS);
      await ready.catch(() => {});
      stopWatching?.();
      stopRendering?.();
      try {
        await services?.close();
      } catch (error) {
        // The store already holds every acknowledged write; only the snapshot is missing.
        logger.error({ err: error }, 'the index snapshot was not saved; the next start rebuilds');
        throw error;
      } finally {
        logger.info('stopped');
      }
    })();
    return closing;
  };
  server.on('request', (_request, response) => {
    response.once('finish', () => {
      if (closing) {
        setImmediate(() => server.closeIdleConnections());
      }
    });
  });
  return { url: `http://${hostForUrl(config.host)}:${port}`, port, ready, shutdown };
}

/**
 * Logs (once) when the archive has outgrown the archive model it is served with: at start, then
 * hourly while the server runs.
 */
function watchArchiveGrowth(config: Config, services: Services, logger: Logger): () => void {
  const check = () => {
    // The model served: the store's, which a running server follows (see src/indexing).
    const { modelId } = services.indexing.model();
    const notice = archiveModelNotice(config.modelsDir, modelId, services.index.size());
    if (notice !== undefined) {
      logger.warn({ model: modelId }, notice);
      clearInterval(timer);
    }
  };
  const timer = setInterval(check, GROWTH_CHECK_MS);
  timer.unref();
  check();
  return () => clearInterval(timer);
}

type FetchLike = (request: Request, env: unknown) => Response | Promise<Response>;

function listen(config: Config, fetch: FetchLike): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () =>
      resolvePromise(server),
    ) as Server;
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      const detail = `Cannot listen on ${where}: ${error.code ?? error.message} (set PORT/HOST or --port/--host)`;
      reject(new AppError('CONFIG_INVALID', detail, { cause: error }));
    });
  });
}

function addressPort(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Stops accepting; resolves when every connection is gone (forced after `graceMs`). */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolvePromise();
    });
    server.closeIdleConnections();
  });
}

/**
 * Runs the server until SIGTERM or SIGINT and resolves to the exit code: 0 after a clean
 * shutdown, 1 when the services cannot be built. Used by `npm start` and `morelike serve`.
 */
export async function runServer(config: Config, deps: ServerDeps): Promise<number> {
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  const running = await startServer(config, { ...deps, logger });
  return new Promise<number>((resolvePromise) => {
    const stop = (code: number) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      running.shutdown().then(
        () => resolvePromise(code),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolvePromise(1);
        },
      );
    };
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'signal received');
      stop(0);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    running.ready.catch((error: unknown) => {
      const code = isAppError(error) ? error.code : 'INTERNAL_ERROR';
      logger.fatal({ err: error, code }, 'the service could not start');
      stop(1);
    });
  });
}

/** The real service graph, reporting its decisions through `log`. */
export const realBuild: ServerDeps['build'] = (config, log) => buildServices(config, { log });

/** Runs the server from the environment's configuration until it stops, then exits. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    const message = isAppError(error) ? `${error.code}: ${error.detail}` : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  try {
    process.exit(await runServer(config, { build: realBuild }));
  } catch (error) {
    // Listening failed (port in use, no permission): nothing was built, nothing to save.
    const message = isAppError(error) ? `${error.code}: ${error.detail}` : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  await main();
}
