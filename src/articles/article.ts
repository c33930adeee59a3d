/**
 * The Article: the one shape every edge accepts (HTTP, CLI files, eval corpora) and the store keeps.
 * The zod schema is the type; its messages name the rule so a rejected field can be fixed by a person.
 */
import { z } from 'zod';
import { type FieldIssue, validationError } from '../errors.js';
import { MAX_HTML_DEPTH, nestsAtMost } from './html-depth.js';
import { readableIssue } from './issue-messages.js';
import { normalisePublishedAt, PUBLISHED_AT_RULE } from './published-at.js';
import { titleText } from './title-text.js';

/** Contract limits, exported so edges (docs, OpenAPI, limits) quote the same numbers. */
export const ARTICLE_LIMITS = {
  idMax: 200,
  titleMax: 1000,
  /** A title as sent, markup included: bounds the work of reducing it to text. */
  titleSourceMax: 10_000,
  bodyMax: 200_000,
  tagsMax: 50,
  tagMax: 200,
  sectionMax: 200,
} as const;

/** Allowed id characters; `/` must be percent-encoded in URL paths. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_.:/-]+$/;

export const ArticleIdSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(ARTICLE_LIMITS.idMax, { error: `must be at most ${ARTICLE_LIMITS.idMax} characters` })
  .regex(ARTICLE_ID_PATTERN, { error: 'may only hold letters, digits and _ . : / -' });

const httpUrl = z
  .string({ error: 'must be a string' })
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine((value) => isHttpUrl(value), { error: 'must be an absolute http(s) URL' });

/** Optional fields accept `null` as "absent", as JSON producers often send it. */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .transform((value) => value ?? undefined)
    .optional();

/** Characters that show nothing: zero-width spaces and joiners, BOMs, soft hyphens, whitespace. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\s]/gu;

/** True when `text` holds at least one character a reader can see. */
function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** Markup nested deeper than this would exhaust the stack of the HTML reduction. */
const NESTING_RULE = `must not nest HTML elements more than ${MAX_HTML_DEPTH} deep`;

const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** Fields of an article other than its id: what PUT and draft previews accept. */
export const ArticleFieldsSchema = z.object(
  {
    title: z
      .string({ error: 'is required and must be a string' })
      .max(ARTICLE_LIMITS.titleSourceMax, {
        error: `must be at most ${ARTICLE_LIMITS.titleSourceMax} characters as sent`,
      })
      .refine((value) => nestsAtMost(value), { error: NESTING_RULE, abort: true })
      .transform(titleText)
      .pipe(
        z
          .string()
          .refine(hasVisibleText, { error: 'must not be empty' })
          .max(ARTICLE_LIMITS.titleMax, {
            error: `must be at most ${ARTICLE_LIMITS.titleMax} characters`,
          }),
      )
      .describe(
        'Plain text, 1..1000 characters: HTML markup is removed and entities decoded (up to 10000 characters as sent)',
      ),
    body: optional(
      z
        .string({ error: 'must be a string' })
        .max(ARTICLE_LIMITS.bodyMax, {
          error: `must be at most ${ARTICLE_LIMITS.bodyMax} characters`,
        })
        .refine((value) => nestsAtMost(value), { error: NESTING_RULE, abort: true }),
    )
      .transform((value) => value ?? '')
      .describe('HTML is accepted and reduced to text'),
    url: optional(httpUrl).describe('Absolute http(s) URL of the article'),
    section: optional(
      z
        .string({ error: 'must be a string' })
        .trim()
        .max(ARTICLE_LIMITS.sectionMax, {
          error: `must be at most ${ARTICLE_LIMITS.sectionMax} characters`,
        })
        .transform((value) => (value === '' ? undefined : value)),
    ),
    tags: optional(
      z
        .array(
          z
            .string({ error: 'must be a string' })
            .trim()
            .min(1, { error: 'must not be empty' })
            .max(ARTICLE_LIMITS.tagMax, {
              error: `must be at most ${ARTICLE_LIMITS.tagMax} characters`,
            }),
          { error: 'must be an array of strings' },
        )
        .max(ARTICLE_LIMITS.tagsMax, { error: `must hold at most ${ARTICLE_LIMITS.tagsMax} tags` }),
    ),
    language: optional(
      z
        .string({ error: 'must be a string' })
        .regex(BCP47, { error: 'must be a BCP 47 language tag such as en or pt-BR' }),
    )
      .transform((value) => value?.toLowerCase())
      .describe('BCP 47 tag such as en or pt-BR; detected from title and body when absent'),
    publishedAt: optional(
      z.string({ error: PUBLISHED_AT_RULE }).transform((value, ctx) => {
        const normalised = normalisePublishedAt(value);
        if (normalised === undefined) {
          ctx.addIssue({ code: 'custom', message: PUBLISHED_AT_RULE, input: value });
          return z.NEVER;
        }
        return normalised;
      }),
    ).describe(
      'ISO 8601 date or date-time (T or a space before the time; no zone means UTC) or an RFC 822/1123 date; stored as ISO 8601 UTC',
    ),
    image: optional(httpUrl).describe('Absolute http(s) URL of a teaser image'),
  },
  { error: 'must be an object' },
);

/** A complete article, as stored. */
export const ArticleSchema = ArticleFieldsSchema.extend({ id: ArticleIdSchema });

/** A stored (validated, normalized) article. */
export type Article = z.output<typeof ArticleSchema>;

/** An article without its body: what ranking, filters and list items need. */
export type ArticleHeader = Omit<Article, 'body'>;

/** `article` without its body. */
export function headerOf(article: Article): ArticleHeader {
  const { body: _body, ...header } = article;
  return header;
}
/** An article without its id: a draft, or the body of PUT /v1/articles/:id. */
export type ArticleFields = z.output<typeof ArticleFieldsSchema>;

/** Turns zod issues into field issues: `tags.3: must be at most 200 characters`. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message:
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
}

/** How outside input is parsed: issues keep their input and get readable messages. */
export const PARSE_OPTIONS = { reportInput: true, error: readableIssue } as const;

/** Validates one article or throws VALIDATION_FAILED naming every broken field. */
export function parseArticle(input: unknown): Article {
  const result = ArticleSchema.safeParse(input, PARSE_OPTIONS);
  if (!result.success) {
    throw validationError(toFieldIssues(result.error), 'Invalid article');
  }
  return result.data;
}

/** Result of validating one item of a batch: the article, or its reasons. */
export type ParsedItem =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly id: string | undefined; readonly errors: FieldIssue[] };

/** Validates one batch item without throwing, keeping the id (when readable) for the report. */
export function parseArticleItem(input: unknown): ParsedItem {
  const result = ArticleSchema.safeParse(input, PARSE_OPTIONS);
  if (result.success) {
    return { ok: true, article: result.data };
  }
  const rawId =
    typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  return {
    ok: false,
    id: typeof rawId === 'string' ? rawId : undefined,
    errors: toFieldIssues(result.error),
  };
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false;
  }
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
