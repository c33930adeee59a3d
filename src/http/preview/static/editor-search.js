/*
 * Editor page, the article finders: search stored articles by title words or id as the editor
 * types (debounced), list the hits as buttons and hand the picked one to `onPick`. The page has
 * two: one picks the source article, one picks any article to pin to it.
 */
import { searchArticles } from './editor-api.js';
import { searchHit } from './editor-render.js';
import { $, debounce, isAbort, latest } from './editor-util.js';

const SEARCH_LIMIT = 8;

/**
 * Wires the search box `#<box>`, its hits list `#<box>-results` and status line `#<box>-status`.
 * `titles` (a Map id -> title) learns every hit's title; `render(article)` builds a hit holding a
 * `button[data-id]`; `onPick({id, title})` runs when a hit is chosen; `skip(id)` leaves hits out.
 * Returns `{ run, mark(id) }`: search now, and mark the hit of the current source.
 */
export function createFinder({
  titles,
  onPick,
  box = 'search',
  render = searchHit,
  skip = () => false,
}) {
  const requests = latest();
  let current = null;
  const input = $(box);
  const results = $(`${box}-results`);
  const status = $(`${box}-status`);

  function mark(id) {
    current = id;
    for (const hit of results.querySelectorAll('button[data-id]')) {
      if (hit.dataset.id === current) {
        hit.setAttribute('aria-current', 'true');
      } else {
        hit.removeAttribute('aria-current');
      }
    }
  }

  async function run() {
    const q = input.value.trim();
    const signal = requests.next();
    if (!q) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const found = await searchArticles(q, SEARCH_LIMIT, signal);
      const items = found.items.filter((item) => !skip(item.id));
      for (const item of items) {
        titles.set(item.id, item.title);
      }
      results.replaceChildren(...items.map(render));
      mark(current);
      status.textContent =
        items.length === 0
          ? 'No stored article matches.'
          : `${items.length} ${items.length === 1 ? 'match' : 'matches'}: pick one.`;
    } catch (error) {
      if (!isAbort(error)) {
        status.textContent = error.message;
      }
    }
  }

  input.addEventListener('input', debounce(run));
  results.addEventListener('click', (event) => {
    const hit = event.target.closest('button[data-id]');
    if (hit) {
      onPick({ id: hit.dataset.id, title: titles.get(hit.dataset.id) || hit.dataset.id });
    }
  });
  return { run, mark };
}
