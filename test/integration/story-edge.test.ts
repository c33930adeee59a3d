/**
 * The edge of the list on the bundled demo corpus (real server, shipped model, SQLite, HNSW):
 * the cases where items of another story passed at the threshold on generic words (a crime story
 * and a party election under a mayoral race on "mayor, councillor"; bank hacks under a registrar
 * fraud on "million, lawyer"), the list's stability when unrelated tiny articles are added or an
 * item is blocked, and the Ukrainian NATO story (no model knows Ukrainian: words alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoStories } from '../../src/demo/demo-stories.js';
import type { RelatedList } from '../../src/recommend/types.js';
import { send } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const TRUTH = loadDemoStories();
const storyOf = (name: string) => new Set(TRUTH.stories[name]?.ids ?? []);

describe('the edge of the list on the demo corpus', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ MORELIKE_DEMO: 'true' });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function relatedTo(id: string): Promise<RelatedList> {
    const response = await fetch(`${server.url}/v1/articles/${id}/related?limit=5`);
    expect(response.status).toBe(200);
    return (await response.json()) as RelatedList;
  }

  const ids = (list: RelatedList) => list.items.map((item) => item.id);

  it('lists only the mayoral race under demo-0011, no crime story nor party election', async () => {
    const list = await relatedTo('demo-0011');
    expect(ids(list).length).toBeGreaterThanOrEqual(3);
    expect(ids(list).every((id) => storyOf('brennport-election').has(id))).toBe(true);
    expect(ids(list)).not.toContain('demo-0085');
    expect(ids(list)).not.toContain('demo-0068');
  });

  it('shows no bank-hack story under the registrar fraud of demo-0067', async () => {
    const list = await relatedTo('demo-0067');
    for (const hack of ['demo-0066', 'demo-0069']) {
      expect(ids(list)).not.toContain(hack);
    }
    expect(list.items.every((item) => item.reasons.length > 0)).toBe(true);
  });

  it('keeps the list when unrelated tiny articles are added', async () => {
    const before = ids(await relatedTo('demo-0011'));
    const tiny = [
      { id: 'tiny-ok', title: 'ok', body: '' },
      ...[1, 2, 3, 4].map((n) => ({ id: `tiny-${n}`, title: `Weather update ${n}`, body: '' })),
    ];
    const response = await fetch(`${server.url}/v1/articles/batch`, send('POST', tiny));
    expect(response.status).toBe(200);
    expect(ids(await relatedTo('demo-0011'))).toEqual(before);
  });

  it('gives a blocked place to nothing of another story', async () => {
    const before = ids(await relatedTo('demo-0011'));
    const blocked = before[before.length - 1] as string;
    const put = await fetch(
      `${server.url}/v1/articles/demo-0011/overrides`,
      send('PUT', { pinned: [], blocked: [blocked] }),
    );
    expect(put.status).toBe(200);
    const after = ids(await relatedTo('demo-0011'));
    expect(after).not.toContain(blocked);
    expect(after.every((id) => storyOf('brennport-election').has(id))).toBe(true);
  });

  it('lists the Ukrainian NATO story under its seed article and none of the teasers', async () => {
    const nato = [...storyOf('uk-nato-peacekeepers')];
    const seed = 'demo-uk-0020';
    const list = await relatedTo(seed);
    expect(ids(list)).toEqual(expect.arrayContaining(nato.filter((id) => id !== seed)));
    for (const teaser of TRUTH.teasers) {
      expect(ids(list)).not.toContain(teaser);
    }
  });

  it('shows no report of another story under the Ukrainian NATO seed, words alone deciding', async () => {
    // The EU's sanctions package shares "European Union, Moscow, Russian" with it: a topic, not
    // the story; scored on words alone, those words count once (not as topic and again as words).
    const list = await relatedTo('demo-uk-0020');
    expect(ids(list).every((id) => storyOf('uk-nato-peacekeepers').has(id))).toBe(true);
  });
});
