import { describe, expect, it } from 'vitest';
import { relatedOver } from '../../test/helpers/related-over.js';
import { parseArticle } from '../articles/article.js';
import type { PooledRelated } from './related.js';

/** Words of one story alone: its town, people, places and what happened there. */
const DETAILS = [
  'Kelvsby Halvorsen ferry terminal cellars trawlers sank',
  'Marrow Okafor lighthouse keeper rescued twins rowing',
  'Oldfen Lindqvist caravan park campers airlifted helicopter',
  'Tarnwick Moreau brewery warehouse barrels floated canal',
  'Brisholm Castellano railway embankment collapsed commuters stranded',
  'Cawley Nakamura primary school gymnasium shelter blankets',
  'Dunmere Abernethy marina yachts smashed pontoon insurers',
  'Elsmoor Vasquez sewage plant overflowed beaches closed',
  'Fallow Petrakis cattle drowned farmers pasture saltwater',
  'Greystan Oyelaran hospital generators failed patients moved',
  'Hatherly Sorensen bridge pillars cracked motorway diverted',
  'Ivelton Delacroix museum archive manuscripts soaked volunteers',
].map((line) => line.split(' '));

const STORM =
  'storm flooded harbour coastguard evacuated fishermen waves quay gusts sandbags'.split(' ');

/** `words` from position `by` on, wrapped round: the same words in another order. */
const rotated = (words: readonly string[], by: number) =>
  [...words.slice(by % words.length), ...words.slice(0, by % words.length)].join(' ');

/** Storm reports from twelve towns, each syndicated word for word under eight ids. */
function syndicatedStorms() {
  return DETAILS.flatMap((words, s) =>
    [0, 1, 2, 3, 4, 5, 6, 7].map((copy) =>
      parseArticle({
        id: `storm-${s}-copy-${copy}`,
        title: `Storm floods the harbour of ${words[0]}`,
        body: `${rotated(STORM, s)} ${words.slice(0, 3).join(' ')}. ${rotated(STORM, s + 5)}.`,
        language: 'en',
        section: 'news',
        publishedAt: `2026-03-0${1 + copy}T08:00:00Z`,
      }),
    ),
  );
}

const OTHER = `budget minister taxes pension parliament vote singer album concert tour guitar
  festival recipe pasta garlic basil oven dinner football derby penalty striker referee league
  election ballot campaign candidate museum painting gallery sculpture opera violin chess
  grandmaster tournament rook bishop vaccine clinic nurse surgery patient cancer railway tunnel
  airline pilot runway airport cocoa coffee harvest export wheat bakery bread startup software
  investors shares bank inflation mortgage lawyer court judge verdict appeal prison`.split(/\s+/);

/** Two hundred articles on other subjects, so the archive's background is not all storms. */
function otherNews() {
  return Array.from({ length: 200 }, (_, n) => {
    const words = Array.from(
      { length: 14 },
      (_, k) => OTHER[(n * 7 + k * k * 3 + k) % OTHER.length],
    );
    return parseArticle({
      id: `other-${n}`,
      title: words.slice(0, 5).join(' '),
      body: `${words.join(' ')}.`,
      language: 'en',
      section: 'news',
    });
  });
}

describe('materialised pool', () => {
  it('holds each exact copy once, so a corpus of copies is answered from the pool as live', async () => {
    const { related } = await relatedOver([...syndicatedStorms(), ...otherNews()]);
    const pooled = related as PooledRelated;
    const pool = await pooled.pool('storm-0-copy-0');
    const titles = pool.items.map((item) => item.id.replace(/-copy-\d$/, ''));

    expect(pool.items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(titles).size).toBe(titles.length);
    const fromPool = pooled.fromPool(pool, { limit: 6 });
    expect(fromPool).toBeDefined();
    expect(fromPool).toEqual(await pooled.live('storm-0-copy-0', { limit: 6 }));
  });
});
