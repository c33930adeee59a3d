/**
 * The bundled demo corpus (articles.jsonl): every line a valid Article, and the shape the demo
 * relies on: many sections, unique ids, continuing stories of at least three articles that share
 * a named entity, exactly two near-duplicate pairs, and teasers kept in gossip, crime and health.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../articles/article.js';

const CORPUS = new URL('./articles.jsonl', import.meta.url);

/** Story groups as listed in README.md, each with a name every article of the story mentions. */
const STORY_GROUPS: Readonly<Record<string, { entity: string; ids: readonly string[] }>> = {
  'reassurance-force': {
    entity: 'European Reassurance Force',
    ids: ['demo-0009', 'demo-0012', 'demo-0025', 'demo-0050', 'demo-0083', 'demo-0131'],
  },
  'brennport-election': {
    entity: 'Brennport',
    ids: ['demo-0011', 'demo-0044', 'demo-0081', 'demo-0113', 'demo-0138'],
  },
  'rotterdam-strike': {
    entity: 'HavenBond',
    ids: ['demo-0019', 'demo-0020', 'demo-0023', 'demo-0028', 'demo-0029', 'demo-0038'],
  },
  'ecb-cut': {
    entity: '1.50 percent',
    ids: ['demo-0114', 'demo-0115', 'demo-0117', 'demo-0123', 'demo-0169'],
  },
  'lumetra-fab': {
    entity: 'Lumetra',
    ids: ['demo-0002', 'demo-0041', 'demo-0045', 'demo-0072', 'demo-0150'],
  },
  'kingsbridge-athletic': {
    entity: 'Kingsbridge Athletic',
    ids: ['demo-0063', 'demo-0065', 'demo-0077', 'demo-0096', 'demo-0137'],
  },
  'dunmore-measles': {
    entity: 'Dunmore Vale',
    ids: ['demo-0075', 'demo-0086', 'demo-0093', 'demo-0120', 'demo-0167'],
  },
  'vandamme-theft': {
    entity: 'van Aalst',
    ids: ['demo-0047', 'demo-0051', 'demo-0076', 'demo-0161'],
  },
  'valdemora-fire': {
    entity: 'Valdemora',
    ids: ['demo-0004', 'demo-0008', 'demo-0014', 'demo-0034', 'demo-0108'],
  },
  'northgate-breach': {
    entity: 'Northgate Mutual',
    ids: ['demo-0066', 'demo-0069', 'demo-0079', 'demo-0103', 'demo-0141'],
  },
  'aurelia-air': {
    entity: 'Aurelia Air',
    ids: ['demo-0088', 'demo-0091', 'demo-0097', 'demo-0119'],
  },
  'kestrel-vents': { entity: 'Kestrel', ids: ['demo-0016', 'demo-0060', 'demo-0146'] },
  'eastmoor-cuts': { entity: 'Eastmoor', ids: ['demo-0017', 'demo-0070', 'demo-0129'] },
  'marchetti-split': { entity: 'Lena Marchetti', ids: ['demo-0032', 'demo-0059', 'demo-0109'] },
  'hollin-registrar': { entity: 'Gregor Tamm', ids: ['demo-0067', 'demo-0085', 'demo-0154'] },
  'olive-oil': { entity: 'San Telmo', ids: ['demo-0104', 'demo-0134', 'demo-0157'] },
};

/** The same wire story under two headlines, for deduplication demos. */
const NEAR_DUPLICATE_PAIRS = [
  ['demo-0019', 'demo-0020'],
  ['demo-0114', 'demo-0115'],
] as const;

/** Gossip, crime and health-scare teasers that must never follow a war or diplomacy story. */
const TEASER_IDS = (
  'demo-0005 demo-0010 demo-0026 demo-0032 demo-0046 demo-0052 demo-0059 demo-0067 demo-0078 ' +
  'demo-0085 demo-0094 demo-0099 demo-0109 demo-0125 demo-0132 demo-0136 demo-0149 demo-0154 demo-0160'
).split(' ');

const ALLOWED_FIELDS = new Set('id title body url section tags language publishedAt'.split(' '));

const lines = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

function loadCorpus(): Map<string, Article> {
  const articles = lines.map((line) => parseArticle(JSON.parse(line)));
  return new Map(articles.map((article) => [article.id, article]));
}

function article(corpus: Map<string, Article>, id: string): Article {
  const found = corpus.get(id);
  if (found === undefined) {
    throw new Error(`${id} is not in the corpus`);
  }
  return found;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

function jaccard(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  const shared = [...left].filter((word) => right.has(word)).length;
  return shared / (left.size + right.size - shared);
}

describe('demo corpus', () => {
  it('parses every line with parseArticle', () => {
    const failures = lines.flatMap((line, index) => {
      try {
        parseArticle(JSON.parse(line));
        return [];
      } catch (error) {
        return [`line ${index + 1}: ${String(error)}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('holds at least 150 articles over at least 12 sections, with unique ids', () => {
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    const sections = new Set([...loadCorpus().values()].map((a) => a.section));
    expect(ids.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sections.size).toBeGreaterThanOrEqual(12);
  });

  it('uses only contract fields and the house shape for every article', () => {
    for (const line of lines) {
      const raw = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(raw).filter((key) => !ALLOWED_FIELDS.has(key))).toEqual([]);
    }
    for (const a of loadCorpus().values()) {
      const paragraphs = a.body.split('\n\n');
      const wordCount = a.body.split(/\s+/).length;
      expect(a.id).toMatch(/^demo-\d{4}$/);
      expect(a.section).toMatch(/^[a-z]+$/);
      expect(a.url).toMatch(new RegExp(`^https://news\\.example\\.com/${a.section}/[a-z0-9-]+$`));
      expect(a.language).toBe('en');
      expect(a.tags?.length).toBeGreaterThanOrEqual(2);
      expect(a.tags?.length).toBeLessThanOrEqual(5);
      expect(a.tags?.every((tag) => tag === tag.toLowerCase())).toBe(true);
      expect(paragraphs.length, a.id).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length, a.id).toBeLessThanOrEqual(4);
      expect(wordCount, a.id).toBeGreaterThanOrEqual(60);
      expect(wordCount, a.id).toBeLessThanOrEqual(150);
      const published = a.publishedAt ?? '';
      expect(published >= '2026-09-01' && published < '2026-11-28', a.id).toBe(true);
    }
  });

  it('tells every story in at least three articles that all name its entity', () => {
    const corpus = loadCorpus();
    expect(Object.keys(STORY_GROUPS).length).toBeGreaterThanOrEqual(10);
    for (const [story, { entity, ids }] of Object.entries(STORY_GROUPS)) {
      expect(ids.length, story).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        const { title, body } = article(corpus, id);
        expect(`${title}\n${body}`, `${story} ${id}`).toContain(entity);
      }
    }
  });

  it('keeps each article in at most one story group', () => {
    const grouped = Object.values(STORY_GROUPS).flatMap((group) => group.ids);
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('holds exactly the listed near-duplicate pairs, each inside one story', () => {
    const corpus = loadCorpus();
    const all = [...corpus.values()];
    const nearDuplicates = all.flatMap((a, i) =>
      all
        .slice(i + 1)
        .filter((b) => jaccard(a.body, b.body) >= 0.6)
        .map((b) => `${a.id}+${b.id}`),
    );
    expect(nearDuplicates.sort()).toEqual(NEAR_DUPLICATE_PAIRS.map((pair) => pair.join('+')));
    for (const [left, right] of NEAR_DUPLICATE_PAIRS) {
      const story = Object.values(STORY_GROUPS).find((group) => group.ids.includes(left));
      expect(story?.ids).toContain(right);
      expect(article(corpus, left).title).not.toBe(article(corpus, right).title);
    }
  });

  it('keeps at least 12 teasers, all in entertainment, crime or health', () => {
    const corpus = loadCorpus();
    const sections = TEASER_IDS.map((id) => article(corpus, id).section);
    expect(TEASER_IDS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(sections)).toEqual(new Set(['entertainment', 'crime', 'health']));
  });
});
