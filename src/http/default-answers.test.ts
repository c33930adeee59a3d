import { describe, expect, it } from 'vitest';
import type { RelatedList } from '../recommend/types.js';
import { createDefaultAnswers } from './default-answers.js';
import { renderList } from './related-etag.js';

/** Lists of `ids` whose versions the test moves, counting the lists it builds. */
function fakeLists(ids: string[]) {
  const versions = new Map(ids.map((id) => [id, 1]));
  const state = { built: 0, busy: false };
  return {
    state,
    versions,
    ids: () => versions.keys(),
    version: async (id: string) => versions.get(id) ?? 0,
    progress: () => ({ lists: versions.size, computed: 0, busy: state.busy }),
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
