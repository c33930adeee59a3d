/**
 * The typed client's shapes, inferred from the very zod schemas the server validates and
 * documents with (`z.input` for what you send, `z.output` for what you get), so the client
 * cannot drift from the API. Type-only: nothing of zod is loaded at run time.
 */
import type { z } from 'zod';
import type { ArticleFieldsSchema, ArticleSchema } from '../articles/article.js';
import type {
  ArticleAnswerSchema,
  BatchAnswerSchema,
  OverridesAnswerSchema,
  ProblemSchema,
  RelatedItemSchema,
  RelatedListSchema,
  SearchAnswerSchema,
  StatsAnswerSchema,
  UpsertAnswerSchema,
} from '../http/answers.js';
import type { OverridesSchema, RelatedOptionsSchema } from '../http/schemas.js';

/** An article as you send it (PUT, batch): `id` and `title` required. */
export type ArticleInput = z.input<typeof ArticleSchema>;
/** A draft as you send it to `draftRelated`: an article without `id`. */
export type DraftInput = z.input<typeof ArticleFieldsSchema>;
/** A stored article, as `getArticle` answers it. */
export type Article = z.output<typeof ArticleAnswerSchema>;
/** Related-list options: `limit`, `sections`, `excludeSections`, `tags`, `maxAgeDays`, ... */
export type RelatedOptions = z.output<typeof RelatedOptionsSchema>;
export type RelatedList = z.output<typeof RelatedListSchema>;
export type RelatedItem = z.output<typeof RelatedItemSchema>;
/** Pins and blocks as you send them (absent lists are empty). */
export type OverridesInput = z.input<typeof OverridesSchema>;
export type Overrides = z.output<typeof OverridesAnswerSchema>;
export type UpsertAnswer = z.output<typeof UpsertAnswerSchema>;
export type BatchAnswer = z.output<typeof BatchAnswerSchema>;
export type SearchAnswer = z.output<typeof SearchAnswerSchema>;
export type Stats = z.output<typeof StatsAnswerSchema>;
/** An RFC 9457 problem as the API sends it. */
export type Problem = z.output<typeof ProblemSchema>;
