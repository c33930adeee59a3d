/**
 * Titles as text: CMSs send titles with HTML entities and inline markup (`Caf&eacute; prices
 * &amp; coffee <b>beans</b>`); the stored title is what a reader should see (`Café prices & coffee
 * beans`), on one line. html-to-text (the library that reduces bodies) decodes every HTML5 entity
 * and drops the tags; a title with no tag and no entity takes the fast path untouched.
 */
import { convert } from 'html-to-text';
import { LOOKS_LIKE_HTML, TEXT_LIMITS, TEXT_SELECTORS } from './html-text.js';

/** Headings keep their case in a title (html-to-text upper-cases them by default). */
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** The plain text of a title: markup dropped, entities decoded, whitespace runs made one space. */
export function titleText(title: string): string {
  const text = LOOKS_LIKE_HTML.test(title)
    ? convert(title, {
        wordwrap: false,
        limits: TEXT_LIMITS,
        selectors: [...TEXT_SELECTORS, ...HEADINGS],
      })
    : title;
  return text.replace(/\s+/g, ' ').trim();
}
