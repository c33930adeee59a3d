/**
 * Raw HTTP for the fuzz suite and the soak script: node:http sends the path exactly as given
 * (fetch would normalise `..` and re-encode), bodies as bytes, over a keep-alive agent, with a
 * bounded number of requests in flight. Answers are counted by status; bodies are drained.
 */
import { Agent, request } from 'node:http';
import type { FuzzRequest } from './fuzz-cases.js';

export interface RawAnswer {
  /** HTTP status, or 0 when the connection failed (reset, refused, timed out). */
  readonly status: number;
  readonly error?: string;
}

/** Sends one request to `base` (http://host:port) and resolves with its status. */
export function sendRaw(agent: Agent, base: URL, req: FuzzRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = { ...req.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) };
    let sent: ReturnType<typeof request>;
    try {
      sent = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: req.method,
          path: req.path,
          headers,
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.once('error', (error) =>
            resolve({ status: res.statusCode ?? 0, error: error.message }),
          );
        },
      );
    } catch (error) {
      // node:http refuses some paths or headers before sending (client-side; not the server's fault).
      resolve({ status: -1, error: String(error) });
      return;
    }
    sent.setTimeout(30_000, () => sent.destroy(new Error('timed out')));
    sent.once('error', (error: NodeJS.ErrnoException) => {
      const reused = sent.reusedSocket ? ' (reused socket)' : '';
      resolve({ status: 0, error: `${error.code ?? ''} ${error.message}${reused}` });
    });
    sent.end(body);
  });
}

export interface RunSummary {
  readonly sent: number;
  /** Count of answers per status (0 = connection failed, -1 = refused by the client). */
  readonly byStatus: ReadonlyMap<number, number>;
  /** Kinds of the requests answered 5xx or not answered, for the failure message. */
  readonly failures: readonly string[];
}

/** Sends every request of `cases` with at most `inFlight` at once. */
export async function runRaw(
  base: string,
  cases: Iterable<FuzzRequest>,
  inFlight = 8,
): Promise<RunSummary> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const iterator = cases[Symbol.iterator]();
  const byStatus = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const req = next.value;
      sent += 1;
      const answer = await sendRaw(agent, url, req);
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500 || answer.status === 0) {
        failures.push(
          `${answer.status} ${req.kind} ${req.method} ${req.path.slice(0, 80)} ${answer.error ?? ''}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  agent.destroy();
  return { sent, byStatus, failures };
}

/** The number of answers with a status in [from, to). */
export function countStatus(summary: RunSummary, from: number, to: number): number {
  let total = 0;
  for (const [status, count] of summary.byStatus) {
    if (status >= from && status < to) {
      total += count;
    }
  }
  return total;
}
