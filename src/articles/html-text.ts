/**
 * What bodies and titles share when HTML is reduced to text with html-to-text: the quick test
 * that lets plain text skip it, and the parts of HTML that are not text.
 */

/** True when text may hold a tag or an entity (plain text skips html-to-text). */
export const LOOKS_LIKE_HTML = /<[a-z!/][^>]*>|&[a-z#0-9]+;/i;

/** What of HTML is not text: link targets, images, scripts, styles, figures. */
export const TEXT_SELECTORS = [
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'img', format: 'skip' },
  { selector: 'script', format: 'skip' },
  { selector: 'style', format: 'skip' },
  { selector: 'figure', format: 'skip' },
];

/**
 * The deepest element nesting reduced to text; real articles stay far below it. Validation
 * refuses deeper input (html-depth.ts), and the reduction stops there for anything else.
 */
export const MAX_HTML_DEPTH = 256;

/** html-to-text limits: the recursion over the element tree never goes deeper. */
export const TEXT_LIMITS = { maxDepth: MAX_HTML_DEPTH };
