import { describe, expect, it } from 'vitest';
import type { RelatedList } from '../recommend/types.js';
import { createDefaultAnswers } from './default-answers.js';
import { renderList } from './related-etag.js';

/** Lists of `ids` whose versions the test moves, counting the lists it builds. */
function fakeLists(ids: string[]) {
  const versions = new Map(ids.map((id) => [id, 1]));
  const state = { built: 0, busy: false, asked: 0 };
  /** Lists that are not ready as they are (version() brings them up to date). */
  const stale = new Set<string>();
  return {
    state,
    versions,
    stale,
    ids: () => versions.keys(),
    version: async (id: string) => {
      state.asked += 1;
      stale.delete(id);
      return versions.get(id) ?? 0;
    },
    ready: (id: string) => (stale.has(id) ? undefined : versions.get(id)),
    progress: () => ({
      lists: versions.size,
      computed: 0,
      busy: state.busy,
      version: [...versions.values()].reduce((sum, v) => sum + v, 0),
    }),
    async forArticle(id: string): Promise<RelatedList> {
      state.built += 1;
      return {
        source: { id, title: `v${versions.get(id)}`, language: 'en' },
        model: 'm',
        items: [],
      };
    },
  };
}

function answersOver(lists: ReturnType<typeof fakeLists>) {
  return createDefaultAnswers({
    lists,
    alive: (id) => lists.versions.has(id),
    render: renderList,
    passGapMs: 5,
  });
}

describe('createDefaultAnswers', () => {
  it('renders a list once per version and again when its version moves', async () => {
    const lists = fakeLists(['a1']);
    const answers = answersOver(lists);
    const first = await answers.answer('a1', 1);
    expect(await answers.answer('a1', 1)).toBe(first);
    expect(lists.state.built).toBe(1);
    lists.versions.set('a1', 2);
    const second = await answers.answer('a1', 2);
    expect(second.body).toContain('"title":"v2"');
    expect(second.etag).not.toBe(first.etag);
    expect(lists.state.built).toBe(2);
  });

  it('renders every list in the background, then serves them without building any', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `a${i}`);
    const lists = fakeLists(ids);
    const answers = answersOver(lists);
    const stop = answers.prerender();
    await answers.rendered();
    stop();
    expect(answers.size()).toBe(300);
    const built = lists.state.built;
    await answers.answer('a17', 1);
    expect(lists.state.built).toBe(built);
  });

  it('renders again the lists whose version moved, and forgets deleted ones', async () => {
    const lists = fakeLists(['a1', 'a2', 'a3']);
    const answers = answersOver(lists);
    const stop = answers.prerender();
    await answers.rendered();
    lists.versions.set('a2', 5);
    lists.versions.delete('a3');
    await answers.rendered();
    await answers.rendered();
    stop();
    expect(answers.size()).toBe(2);
    expect(lists.state.built).toBe(4);
  });

  it('keeps answers by version, and brings a list that is not ready up to date first', async () => {
    const lists = fakeLists(['a1', 'a2']);
    const answers = answersOver(lists);
    expect(answers.kept('a1', 1)).toBeUndefined();
    const stop = answers.prerender();
    await answers.rendered();
    expect(lists.state.asked).toBe(0);
    expect(answers.kept('a1', 1)?.body).toContain('"title":"v1"');
    lists.versions.set('a2', 3);
    lists.stale.add('a2');
    expect(answers.kept('a2', 3)).toBeUndefined();
    await answers.rendered();
    await answers.rendered();
    stop();
    expect(lists.state.asked).toBe(1);
    expect(answers.kept('a2', 3)?.body).toContain('"title":"v3"');
    expect(answers.kept('a2', 1)).toBeUndefined();
  });

  it('looks at the lists again only once one of them moved', async () => {
    const lists = fakeLists(['a1', 'a2']);
    let looked = 0;
    const ready = lists.ready;
    lists.ready = (id) => {
      looked += 1;
      return ready(id);
    };
    const answers = answersOver(lists);
    const stop = answers.prerender();
    await answers.rendered();
    const after = looked;
    await new Promise((resolve) => setTimeout(resolve, 60));
    await answers.rendered();
    expect(looked).toBe(after);
    lists.versions.set('a1', 2);
    await answers.rendered();
    await answers.rendered();
    stop();
    expect(looked).toBeGreaterThan(after);
    expect(answers.kept('a1', 2)?.body).toContain('"title":"v2"');
  });

  it('waits while lists are being computed', async () => {
    const lists = fakeLists(['a1']);
    lists.state.busy = true;
    const answers = answersOver(lists);
    const stop = answers.prerender();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(lists.state.built).toBe(0);
    lists.state.busy = false;
    await answers.rendered();
    stop();
    expect(lists.state.built).toBe(1);
  });
});
