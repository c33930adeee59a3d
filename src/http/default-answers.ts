/**
 * The default answer of every related list (no query: what a page view asks for), rendered once
 * per list version and kept, so a page view of a ready list is a map lookup and a write of ready
 * bytes. After start (and whenever the lists settle after writes) every materialised list's
 * default answer is rendered in the background, a few milliseconds at a time between requests,
 * so even traffic that visits every article equally often (a crawler) finds its answers ready.
 * One answer per list (about 1.7 KB), replaced when the list's version moves; answers with
 * options are cached apart (routes/related.ts).
 */
import type { MaterialisedLists } from '../recommend/materialised-lists.js';
import type { RenderedList } from './related-etag.js';

export interface DefaultAnswersDeps {
  readonly lists: Pick<MaterialisedLists, 'version' | 'ready' | 'forArticle' | 'ids' | 'progress'>;
  /** False once the article is deleted (its answer is dropped). */
  readonly alive: (id: string) => boolean;
  readonly render: (list: unknown) => RenderedList;
  /** Milliseconds of rendering between yields to pending requests (default 4). */
  readonly sliceMs?: number;
  /** Pause between background passes over every list (default 1000 ms). */
  readonly passGapMs?: number;
}

export interface DefaultAnswers {
  /** The default answer of `id`'s list at `version` (rendered now when it is not kept). */
  answer(id: string, version: number): Promise<RenderedList>;
  /** The kept default answer of `id`'s list at `version`, if it is rendered (nothing is done). */
  kept(id: string, version: number): RenderedList | undefined;
  /**
   * Starts rendering every list's default answer in the background; returns the stopper (the
   * work keeps the process alive until it is called).
   */
  prerender(): () => void;
  /** Settles once a background pass found every list's answer rendered (tests, load runs). */
  rendered(): Promise<void>;
  size(): number;
}

interface Kept extends RenderedList {
  readonly version: number;
}

/** Creates the kept default answers over `deps.lists`. */
export function createDefaultAnswers(deps: DefaultAnswersDeps): DefaultAnswers {
  const { lists } = deps;
  const kept = new Map<string, Kept>();
  let waiters: Array<() => void> = [];
  const answer = async (id: string, version: number): Promise<RenderedList> => {
    const found = kept.get(id);
    if (found?.version === version) {
      return found;
    }
    const rendered: Kept = { ...deps.render(await lists.forArticle(id)), version };
    kept.set(id, rendered);
    return rendered;
  };
  /** One pass over every list; true when it found every answer already rendered. */
  const pass = async (stopped: () => boolean): Promise<boolean> => {
    const sliceMs = deps.sliceMs ?? 4;
    let until = performance.now() + sliceMs;
    let complete = true;
    for (const id of [...kept.keys()].filter((id) => !deps.alive(id))) {
      kept.delete(id);
    }
    for (const id of [...lists.ids()]) {
      if (performance.now() > until) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (stopped() || lists.progress().busy) {
          // Lists being computed come first: the pass resumes once they settle.
          return false;
        }
        until = performance.now() + sliceMs;
      }
      // A ready list is looked at without waiting; a stale one is brought up to date first.
      const version = lists.ready(id) ?? (await lists.version(id).catch(() => undefined));
      if (version !== undefined && kept.get(id)?.version !== version) {
        complete = false;
        await answer(id, version).catch(() => undefined);
      }
    }
    return complete;
  };
  return {
    answer,
    kept(id, version) {
      const found = kept.get(id);
      return found?.version === version ? found : undefined;
    },
    prerender() {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const next = (gap: number) => {
        timer = setTimeout(run, gap);
      };
      /** The lists' state at the last complete pass: no pass is needed while it stands. */
      let settledAt: string | undefined;
      const settle = () => {
        const settled = waiters;
        waiters = [];
        for (const resolve of settled) {
          resolve();
        }
      };
      const run = () => {
        const progress = lists.progress();
        const state = `${progress.version} ${progress.lists}`;
        if (progress.busy || state === settledAt) {
          if (state === settledAt) {
            settle();
          }
          next(deps.passGapMs ?? 1000);
          return;
        }
        pass(() => stopped).then((complete) => {
          if (complete) {
            settledAt = state;
            settle();
          }
          if (!stopped) {
            next(complete ? (deps.passGapMs ?? 1000) : 0);
          }
        });
      };
      next(0);
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    },
    rendered: () => new Promise((resolve) => waiters.push(resolve)),
    size: () => kept.size,
  };
}
