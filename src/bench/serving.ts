/**
 * The serving half of the bench: open the services on an indexed data folder (start to ready),
 * time uncached related lists for distinct ids, and read the resident memory. Run in a fresh
 * process (serve-child.ts) by the CLI, so neither start-up nor memory carries what the ingest
 * phase left behind; in process when a caller (a test) asks for it.
 */
import type { Services } from '../services.js';
import { round, settledRssMb, timed } from './measure.js';

/** What the serving half measures. */
export interface ServingFigures {
  /** Opening the services until ready (indexes and model loaded), in ms. */
  readonly startupMs: number;
  /** Each timed related list, in ms (warm-up lists left out). */
  readonly latencies: number[];
  readonly rssMb: number;
  readonly embedThreads: number;
  /** Lists computed while serving (0 when every list came from the lists snapshot). */
  readonly listsComputed: number;
}

/** The ids to ask for (distinct, so none is cached) and how many of them only warm up. */
export interface ServingPlan {
  readonly ids: readonly string[];
  readonly warmUp: number;
}

/** Measures the serving half in this process. */
export async function measureServing(
  open: () => Promise<Services>,
  plan: ServingPlan,
  onProgress?: (done: number, total: number) => void,
): Promise<ServingFigures> {
  // Ready as GET /readyz means it: the indexes and the model loaded.
  const cold = await timed(async () => {
    const opened = await open();
    await opened.modelLoaded;
    return opened;
  });
  const services = cold.value;
  try {
    const latencies: number[] = [];
    const timedCount = plan.ids.length - plan.warmUp;
    for (const [n, id] of plan.ids.entries()) {
      const t0 = performance.now();
      await services.related.forArticle(id);
      if (n >= plan.warmUp) {
        latencies.push(performance.now() - t0);
        onProgress?.(latencies.length, timedCount);
      }
    }
    return {
      startupMs: round(cold.seconds * 1000, 0),
      latencies,
      rssMb: settledRssMb(),
      embedThreads: services.config.embedThreads,
      listsComputed: services.lists.progress().computed,
    };
  } finally {
    await services.close();
  }
}
