/*
 * Editor page, the article finder: searches stored articles by title words or id as the editor
 * types (debounced), lists the hits as buttons and hands the picked one to `onPick`.
 */
import { searchArticles } from './editor-api.js';
import { searchHit } from './editor-render.js';
import { $, debounce, isAbort, latest } from './editor-util.js';

const SEARCH_LIMIT = 8;

/**
 * Wires the search box. `titles` (a Map id -> title) learns every hit's title; `onPick({id,
 * title})` runs when a hit is chosen. Returns `{ run, mark(id) }`: search now, and mark the hit of
 * the current source.
 */
export function createFinder({ titles, onPick }) {
  const requests = latest();
  let current = null;

  function mark(id) {
    current = id;
    for (const hit of $('search-results').querySelectorAll('button[data-id]')) {
      if (hit.dataset.id === current) {
        hit.setAttribute('aria-current', 'true');
      } else {
        hit.removeAttribute('aria-current');
      }
    }
  }

  async function run() {
    const q = $('search').value.trim();
    const signal = requests.next();
    if (!q) {
      $('search-results').replaceChildren();
      $('search-status').textContent = '';
      return;
    }
    try {
      const { items } = await searchArticles(q, SEARCH_LIMIT, signal);
      for (const item of items) {
        titles.set(item.id, item.title);
      }
      $('search-results').replaceChildren(...items.map(searchHit));
      mark(current);
      $('search-status').textContent =
        items.length === 0
          ? 'No stored article matches.'
          : `${items.length} ${items.length === 1 ? 'match' : 'matches'}: pick one.`;
    } catch (error) {
      if (!isAbort(error)) {
        $('search-status').textContent = error.message;
      }
    }
  }

  $('search').addEventListener('input', debounce(run));
  $('search-results').addEventListener('click', (event) => {
    const hit = event.target.closest('button[data-id]');
    if (hit) {
      onPick({ id: hit.dataset.id, title: titles.get(hit.dataset.id) || hit.dataset.id });
    }
  });
  return { run, mark };
}
