/**
 * What of an article is embedded and analysed: its title and its body as plain text (HTML reduced
 * with html-to-text), and a hash of exactly that text, so an unchanged article is never re-embedded.
 */
import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import type { ArticleFields } from './article.js';
import { LOOKS_LIKE_HTML, TEXT_LIMITS, TEXT_SELECTORS } from './html-text.js';

/** What an embedder reads of an article: plain text, HTML already reduced. */
export interface EmbeddingInput {
  readonly title: string;
  readonly body: string;
  /** The article's language (BCP 47), for the lexical analysis; never embedded nor hashed. */
  readonly language?: string | undefined;
  /** The editor's tags: lexical evidence like title words; never embedded nor hashed. */
  readonly tags?: readonly string[] | undefined;
}

/** Reduces HTML to readable plain text; plain text passes through untouched (fast path). */
export function toPlainText(text: string): string {
  if (!LOOKS_LIKE_HTML.test(text)) {
    return text;
  }
  return convert(text, { wordwrap: false, limits: TEXT_LIMITS, selectors: TEXT_SELECTORS });
}

/** The embedding input of an article or draft: title, plain-text body, language and tags. */
export function embeddingInput(
  article: Pick<ArticleFields, 'title' | 'body'> & {
    readonly language?: string | undefined;
    readonly tags?: readonly string[] | undefined;
  },
): EmbeddingInput {
  const input: { -readonly [K in keyof EmbeddingInput]: EmbeddingInput[K] } = {
    title: article.title.trim(),
    body: toPlainText(article.body).trim(),
  };
  if (article.language !== undefined) {
    input.language = article.language;
  }
  if (article.tags !== undefined && article.tags.length > 0) {
    input.tags = article.tags;
  }
  return input;
}

/** Hash of the embedding input; equal hashes mean the stored vector is still right. */
export function textHash(input: EmbeddingInput): string {
  return createHash('sha256')
    .update(input.title)
    .update('\u0000')
    .update(input.body)
    .digest('base64url');
}
