/**
 * The bundled demo corpus (articles.jsonl): every line a valid Article, and the shape the demo
 * relies on: many sections, unique ids, English and Ukrainian articles, continuing stories of at
 * least three articles that share a named entity, exactly two near-duplicate pairs, and teasers
 * kept in gossip, crime and health. The ground truth comes from stories.json (demo-stories.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '../articles/article.js';
import { loadDemoStories } from './demo-stories.js';

const CORPUS = new URL('./articles.jsonl', import.meta.url);
const TRUTH = loadDemoStories();

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
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  const shared = [...left].filter((word) => right.has(word)).length;
  return shared / (left.size + right.size - shared);
}

function inLanguage(language: string): Article[] {
  return [...loadCorpus().values()].filter((a) => a.language === language);
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

  it('holds at least 150 English and 40 Ukrainian articles over 12 sections, with unique ids', () => {
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    const sections = new Set([...loadCorpus().values()].map((a) => a.section));
    expect(inLanguage('en').length).toBeGreaterThanOrEqual(150);
    expect(inLanguage('uk').length).toBeGreaterThanOrEqual(40);
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
      const prefix = a.language === 'en' ? '' : `${a.language}/`;
      expect(['en', 'uk']).toContain(a.language);
      expect(a.id).toMatch(a.language === 'en' ? /^demo-\d{4}$/ : /^demo-uk-\d{4}$/);
      expect(a.section).toMatch(/^[a-z]+$/);
      expect(a.url).toMatch(
        new RegExp(`^https://news\\.example\\.com/${prefix}${a.section}/[a-z0-9-]+$`),
      );
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

  it('tells every story in at least three articles of its language that all name its entity', () => {
    const corpus = loadCorpus();
    const stories = Object.entries(TRUTH.stories);
    expect(stories.filter(([, s]) => s.language === 'en').length).toBeGreaterThanOrEqual(10);
    expect(stories.filter(([, s]) => s.language === 'uk').length).toBeGreaterThanOrEqual(7);
    for (const [story, { language, entity, ids }] of stories) {
      expect(ids.length, story).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        const { title, body, language: actual } = article(corpus, id);
        expect(`${title}\n${body}`, `${story} ${id}`).toContain(entity);
        expect(actual, `${story} ${id}`).toBe(language);
      }
    }
  });

  it("tells the seed page's story in Ukrainian under its two headlines", () => {
    const corpus = loadCorpus();
    const titles = (TRUTH.stories['uk-nato-peacekeepers']?.ids ?? []).map(
      (id) => article(corpus, id).title,
    );
    expect(titles.length).toBeGreaterThanOrEqual(5);
    expect(titles).toContain('Жодних військових НАТО в Україні: Захід погодився з вимогою Кремля');
    expect(titles).toContain('Кремль наполягає: миротворці країн НАТО в Україні неприйнятні');
  });

  it('keeps each article in at most one story group', () => {
    const grouped = Object.values(TRUTH.stories).flatMap((group) => group.ids);
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
    expect(nearDuplicates.sort()).toEqual(TRUTH.nearDuplicates.map((pair) => pair.join('+')));
    for (const [left, right] of TRUTH.nearDuplicates) {
      const story = Object.values(TRUTH.stories).find((group) => group.ids.includes(left));
      expect(story?.ids).toContain(right);
      expect(article(corpus, left).title).not.toBe(article(corpus, right).title);
    }
  });

  it('keeps at least 12 English and 8 Ukrainian teasers, all in entertainment, crime or health', () => {
    const corpus = loadCorpus();
    const teasers = TRUTH.teasers.map((id) => article(corpus, id));
    expect(teasers.filter((a) => a.language === 'en').length).toBeGreaterThanOrEqual(12);
    expect(teasers.filter((a) => a.language === 'uk').length).toBeGreaterThanOrEqual(8);
    expect(new Set(teasers.map((a) => a.section))).toEqual(
      new Set(['entertainment', 'crime', 'health']),
    );
  });
});
