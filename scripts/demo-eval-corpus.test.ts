/** The demo eval corpus script: record shape and labels on the bundled demo corpus. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/article.js';
import { DEMO_CORPUS, parseCorpus } from '../src/demo/demo-loader.js';
import { loadDemoStories } from '../src/demo/demo-stories.js';
import { backgroundRecords, demoEvalRecords } from './demo-eval-corpus.js';

const { articles } = parseCorpus(readFileSync(DEMO_CORPUS, 'utf8'));
const truth = loadDemoStories();

function labelCounts(records: readonly { labels: string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of records.flatMap((record) => record.labels)) {
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

describe('demoEvalRecords', () => {
  it('prints every Ukrainian article once, each a valid Article with one label', () => {
    const records = demoEvalRecords(articles, truth, { language: 'uk' });
    const ukIds = articles.filter((a) => a.language === 'uk').map((a) => a.id);
    expect(records.map((r) => r.id)).toEqual(ukIds);
    for (const { labels, ...fields } of records) {
      expect(labels).toHaveLength(1);
      expect(parseArticle(fields).language).toBe('uk');
    }
  });

  it("gives a story's articles its name and every other article a label of its own", () => {
    const records = demoEvalRecords(articles, truth, { language: 'uk' });
    const counts = labelCounts(records);
    const byId = new Map(records.map((r) => [r.id, r.labels[0]]));
    expect(counts.get('uk-nato-peacekeepers')).toBe(5);
    for (const id of truth.stories['uk-staroberezhne-front']?.ids ?? []) {
      expect(byId.get(id)).toBe('uk-staroberezhne-front');
    }
    for (const id of truth.teasers.filter((t) => t.startsWith('demo-uk-'))) {
      expect(counts.get(byId.get(id) ?? '')).toBe(1);
    }
    const stories = new Set(Object.keys(truth.stories));
    const singles = records.filter((r) => !stories.has(r.labels[0] ?? ''));
    expect(singles.length).toBeGreaterThan(0);
    expect(singles.every((r) => counts.get(r.labels[0] ?? '') === 1)).toBe(true);
  });

  it('keeps English only with --language en, and both languages by default', () => {
    const english = demoEvalRecords(articles, truth, { language: 'en' });
    expect(english.length).toBe(articles.filter((a) => a.language === 'en').length);
    expect(labelCounts(english).get('reassurance-force')).toBe(6);
    expect(demoEvalRecords(articles, truth)).toHaveLength(articles.length);
  });

  it('leaves the language field out with dropLanguage', () => {
    const records = demoEvalRecords(articles, truth, { language: 'uk', dropLanguage: true });
    expect(records.length).toBeGreaterThanOrEqual(40);
    expect(records.some((r) => 'language' in r)).toBe(false);
  });
});

describe('backgroundRecords', () => {
  const text =
    '{"id":"bg-1","title":"Перший","language":"uk","labels":["a"]}\n\n' +
    '{"id":"bg-2","title":"Другий","language":"uk","labels":["a","b"]}\n';

  it('keeps each record with its own labels, minus language when asked', () => {
    expect(backgroundRecords(text)).toEqual([
      { id: 'bg-1', title: 'Перший', language: 'uk', labels: ['a'] },
      { id: 'bg-2', title: 'Другий', language: 'uk', labels: ['a', 'b'] },
    ]);
    expect(backgroundRecords(text, true)[1]).toEqual({
      id: 'bg-2',
      title: 'Другий',
      labels: ['a', 'b'],
    });
  });

  it('names the line of a record without labels', () => {
    expect(() => backgroundRecords('{"id":"bg-1","title":"Перший"}')).toThrow(
      'background line 1: needs a string id and a labels array',
    );
  });
});
