/**
 * The PostgreSQL connections of the store: a pool for queries and transactions and one dedicated
 * LISTEN connection that reconnects by itself. The only file that imports the driver (`pg`).
 * Faults of reach (refused, reset, timed out, the server shutting down) become the catalogue
 * error STORE_UNAVAILABLE (HTTP 503 with Retry-After); the URL's password never appears in an
 * error or a log line (the store is named by host, port and database only).
 */
import pg from 'pg';
import { AppError } from '../errors.js';

/** Rows as the driver returns them. */
export type PgRow = Record<string, unknown>;

/** The slice of a pg client or pool the store's helpers use (structural: no driver import). */
export interface PgQueryable {
  query(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: PgRow[]; rowCount: number | null }>;
}

/** A pool of connections: queries, and transactions on one checked-out connection. */
export interface PgPool extends PgQueryable {
  /** Runs `work` inside BEGIN .. COMMIT on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T>;
  /** Undefined while the last query reached the database; else why it did not (no password). */
  unreachable(): string | undefined;
  end(): Promise<void>;
}

/** Where log lines about the connection go (level and message; never the password). */
export type StoreLog = (level: 'info' | 'warn', message: string) => void;

/** Seconds a client is told to wait before retrying a write while the store is unreachable. */
export const RETRY_AFTER_SECONDS = 2;

/** `host:port/database` of a store URL: how the store is named in errors and logs. */
export function describeStoreUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL store';
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

/** True when `error` says the database cannot be reached (rather than a query being wrong). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  // `timeout exceeded when trying to connect`: every pooled connection was still connecting.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|timeout expired|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

/** STORE_UNAVAILABLE for an unreachable database; any other error unchanged. */
export function toStoreError(error: unknown, url: string): unknown {
  if (error instanceof AppError || !isUnreachable(error)) {
    return error;
  }
  const reason = error instanceof Error ? error.message.replaceAll(url, '[url]') : String(error);
  return new AppError(
    'STORE_UNAVAILABLE',
    `The PostgreSQL store at ${describeStoreUrl(url)} cannot be reached (${reason}); retry later`,
    { cause: error, details: { retryAfterSeconds: RETRY_AFTER_SECONDS } },
  );
}

/** A pool over `url`; connection attempts give up after 3 s so a write answers 503 quickly. */
export function openPool(url: string, log: StoreLog): PgPool {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 3000 });
  // An idle connection dropped by a restarting server must not crash the process.
  pool.on('error', (error) => log('warn', `store connection lost: ${error.message}`));
  let down: string | undefined;
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      if (down !== undefined) {
        log('info', `store reachable again at ${describeStoreUrl(url)}`);
        down = undefined;
      }
      return result;
    } catch (error) {
      const mapped = toStoreError(error, url);
      if (mapped instanceof AppError && mapped.code === 'STORE_UNAVAILABLE') {
        if (down === undefined) {
          log('warn', mapped.detail);
        }
        down = mapped.detail;
      }
      throw mapped;
    }
  };
  return {
    query: (sql, params) => guarded(() => pool.query(sql, params as unknown[] | undefined)),
    transaction: (work) =>
      guarded(async () => {
        const client = await pool.connect();
        let broken: unknown;
        try {
          await client.query('BEGIN');
          const result = await work(client as PgQueryable);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          broken = isUnreachable(error) ? error : undefined;
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          // A connection that failed mid-transaction is discarded, not returned to the pool.
          client.release(broken instanceof Error ? broken : undefined);
        }
      }),
    unreachable: () => down,
    end: () => pool.end(),
  };
}

/** The LISTEN connection: calls `onNotify` per notification on `channel`, reconnecting itself. */
export interface Listener {
  /** True while the LISTEN connection is up (polling alone covers the gaps). */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * LISTENs on `channel` over its own connection; on loss, retries every `retryMs`. `onNotify`
 * gets each notification's payload, and no payload once (re)connected: anything may have
 * happened while nobody listened.
 */
export function openListener(
  url: string,
  channel: string,
  onNotify: (payload?: string) => void,
  log: StoreLog,
  retryMs = 500,
): Listener {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    client = undefined;
    if (!closed && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        void connect();
      }, retryMs);
    }
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client === next) {
        log('warn', `store notifications lost; polling until they are back`);
        retry();
      }
    });
    next.on('notification', (message) => onNotify(message.payload));
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      // Whatever happened while we were not listening is seen now.
      onNotify();
    } catch {
      await next.end().catch(() => undefined);
      retry();
    }
  };
  void connect();
  return {
    connected: () => client !== undefined,
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
