/**
 * Prints the demo corpus as labelled eval JSONL for `morelike eval`: a story's articles share the
 * story's name as their label (stories.json), every other article (teasers included) gets a label
 * of its own, so only same-story items count as relevant.
 *
 *   node --import tsx scripts/demo-eval-corpus.ts [--language uk|en] [--background PATH]...
 *     [--drop-language] > corpus.jsonl
 *
 * `--language` keeps one language; `--background` adds the records of a labelled JSONL file (each
 * keeps its own labels), as an archive the demo articles sit in; `--drop-language` leaves the
 * `language` field out of every record, to measure with detection.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Article } from '../src/articles/article.js';
import { DEMO_CORPUS, parseCorpus } from '../src/demo/demo-loader.js';
import { type DemoStories, loadDemoStories, storyOfArticle } from '../src/demo/demo-stories.js';

/** One eval record: an article's fields plus its labels. */
export type EvalRecord = Record<string, unknown> & { id: string; labels: string[] };

export interface DemoEvalOptions {
  /** Keep only articles in this language (all when absent). */
  readonly language?: string;
  /** Leave the `language` field out. */
  readonly dropLanguage?: boolean;
}

/** The demo articles as eval records: story label for story members, a unique label otherwise. */
export function demoEvalRecords(
  articles: readonly Article[],
  truth: DemoStories,
  options: DemoEvalOptions = {},
): EvalRecord[] {
  const storyOf = storyOfArticle(truth);
  const teasers = new Set(truth.teasers);
  return articles
    .filter((a) => options.language === undefined || a.language === options.language)
    .map((a) => {
      const story = storyOf.get(a.id);
      const label = story ?? (teasers.has(a.id) ? `teaser:${a.id}` : `single:${a.id}`);
      return { id: a.id, ...withoutLanguage(a, options.dropLanguage), labels: [label] };
    });
}

/** The records of a labelled JSONL text, as they are (minus `language` when asked). */
export function backgroundRecords(text: string, dropLanguage = false): EvalRecord[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      const { id, labels } = record;
      if (typeof id !== 'string' || !Array.isArray(labels)) {
        throw new Error(`background line ${index + 1}: needs a string id and a labels array`);
      }
      return { id, ...withoutLanguage(record, dropLanguage), labels: labels.map(String) };
    });
}

function withoutLanguage(record: object, drop = false): Record<string, unknown> {
  const { language: _dropped, ...rest } = record as Record<string, unknown>;
  return drop ? rest : { ...record };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      language: { type: 'string' },
      background: { type: 'string', multiple: true },
      'drop-language': { type: 'boolean' },
    },
  });
  const dropLanguage = values['drop-language'] === true;
  const { articles } = parseCorpus(readFileSync(DEMO_CORPUS, 'utf8'));
  const demo = demoEvalRecords(articles, loadDemoStories(), {
    dropLanguage,
    ...(values.language === undefined ? {} : { language: values.language }),
  });
  if (demo.length === 0) {
    throw new Error(`--language ${values.language}: no demo article is in that language`);
  }
  const records = [
    ...demo,
    ...(values.background ?? []).flatMap((path) =>
      backgroundRecords(readFileSync(path, 'utf8'), dropLanguage),
    ),
  ];
  process.stdout.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`demo-eval-corpus: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  }
}
