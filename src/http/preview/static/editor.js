/*
 * Editor page, behaviour: wires the form to the API. Finds a stored article (search or #article=ID
 * in the address) or takes a draft, keeps its related list up to date as the editor types
 * (debounced), and pins, unpins, blocks and unblocks items with the tab's API key.
 */
import * as api from './editor-api.js';
import { readDraft, readOptions, wireKey } from './editor-form.js';
import { DONE, EDITS } from './editor-overrides.js';
import { blockedItem, pinHit, relatedItem } from './editor-render.js';
import { createFinder } from './editor-search.js';
import { $, debounce, isAbort, latest } from './editor-util.js';

const state = {
  mode: 'stored',
  /** The stored source article: {id, title}, or null. */
  source: null,
  overrides: { pinned: [], blocked: [] },
  /** Titles seen so far, to name blocked items. */
  titles: new Map(),
};
const lists = latest();
const finder = createFinder({ titles: state.titles, onPick: select });
const pinFinder = createFinder({
  titles: state.titles,
  box: 'pin-search',
  render: pinHit,
  skip: (id) => id === state.source?.id || state.overrides.pinned.includes(id),
  // After the pin, search again: the pinned article leaves the hits.
  onPick: ({ id }) => applyEdit('pin', id).then(() => pinFinder.run()),
});

function setStatus(text) {
  $('status').textContent = text;
}

function showError(error) {
  if (!isAbort(error)) {
    $('error').textContent = error.message || 'Something went wrong.';
    $('error').hidden = false;
  }
}

function clearList(status) {
  lists.cancel();
  $('related').replaceChildren();
  $('empty').hidden = true;
  $('error').hidden = true;
  setStatus(status);
}

function showList(list) {
  $('error').hidden = true;
  for (const item of list.items) {
    state.titles.set(item.id, item.title);
  }
  const canEdit = state.mode === 'stored';
  $('related').replaceChildren(...list.items.map((item) => relatedItem(item, canEdit)));
  $('empty').hidden = list.items.length > 0;
  const n = list.items.length;
  const pinned = list.items.filter((item) => item.pinned).length;
  const title = list.source?.title || 'the draft';
  setStatus(
    n === 0
      ? `No strong matches for “${title}”.`
      : `${n} related ${n === 1 ? 'article' : 'articles'} for “${title}”${pinned ? `, ${pinned} pinned` : ''}.`,
  );
}

async function refresh() {
  const draft = readDraft();
  if (state.mode === 'draft' && !draft.title) {
    return clearList('Type a title (and body) to see suggestions for the draft.');
  }
  if (state.mode === 'stored' && !state.source) {
    return clearList('Find a stored article to see its related list.');
  }
  const signal = lists.next();
  $('results').setAttribute('aria-busy', 'true');
  try {
    const list =
      state.mode === 'draft'
        ? await api.relatedForDraft(draft, readOptions(), signal)
        : await api.relatedFor(state.source.id, readOptions(), signal);
    showList(list);
  } catch (error) {
    if (!isAbort(error)) {
      $('related').replaceChildren();
      $('empty').hidden = true;
      setStatus('The related list could not be loaded.');
      showError(error);
    }
  } finally {
    if (!signal.aborted) {
      $('results').removeAttribute('aria-busy');
    }
  }
}

function renderBlocked() {
  const { blocked } = state.overrides;
  $('pin-section').hidden = state.mode !== 'stored' || !state.source;
  $('blocked-section').hidden = state.mode !== 'stored' || blocked.length === 0;
  $('blocked').replaceChildren(...blocked.map((id) => blockedItem(id, state.titles.get(id))));
  for (const id of blocked.filter((other) => !state.titles.has(other))) {
    state.titles.set(id, '');
    api
      .getArticle(id)
      .then((article) => {
        state.titles.set(id, article.title);
        renderBlocked();
      })
      .catch(() => {});
  }
}

async function select(article) {
  state.source = { id: article.id, title: article.title };
  state.titles.set(article.id, article.title);
  $('selected-title').textContent = article.title;
  $('selected-id').textContent = article.id;
  $('selected').hidden = false;
  finder.mark(article.id);
  history.replaceState(null, '', `#article=${encodeURIComponent(article.id)}`);
  state.overrides = { pinned: [], blocked: [] };
  renderBlocked();
  try {
    state.overrides = await api.getOverrides(article.id);
    renderBlocked();
  } catch (error) {
    showError(error);
  }
  await refresh();
}

async function applyEdit(action, id) {
  if (!state.source || !EDITS[action]) {
    return;
  }
  if (!api.getKey()) {
    showError(new Error('Enter an API key first: pinning and blocking change what readers see.'));
    $('api-key').focus();
    return;
  }
  try {
    state.overrides = await api.putOverrides(state.source.id, EDITS[action](state.overrides, id));
    renderBlocked();
    await refresh();
    setStatus(`${DONE[action]} ${$('status').textContent}`);
    // The pressed button may be gone with its item: keep keyboard focus inside the results.
    if (document.activeElement === document.body) {
      $('results').focus();
    }
  } catch (error) {
    showError(error);
  }
}

function onAction(event) {
  const button = event.target.closest('button[data-action]');
  if (button) {
    applyEdit(button.dataset.action, button.dataset.id);
  }
}

function setMode(mode) {
  state.mode = mode;
  $('stored-pane').hidden = mode !== 'stored';
  $('draft-pane').hidden = mode !== 'draft';
  renderBlocked();
  refresh();
}

async function openFromAddress() {
  const id = new URLSearchParams(location.hash.slice(1)).get('article');
  if (id && id !== state.source?.id) {
    try {
      await select(await api.getArticle(id));
    } catch (error) {
      showError(error);
    }
  }
}

function wire() {
  const later = debounce(refresh);
  $('source-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.mode === 'stored' && document.activeElement === $('search') ? finder.run() : refresh();
  });
  for (const input of document.querySelectorAll('#draft-pane input, #draft-pane textarea')) {
    input.addEventListener('input', later);
  }
  for (const input of document.querySelectorAll('.options input')) {
    input.addEventListener('input', later);
  }
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener('change', () => setMode(radio.value));
  }
  $('related').addEventListener('click', onAction);
  $('pin-section').addEventListener('submit', (event) => {
    event.preventDefault();
    pinFinder.run();
  });
  $('blocked').addEventListener('click', onAction);
  window.addEventListener('hashchange', openFromAddress);
  wireKey(() => {
    $('error').hidden = true;
  });
}

wire();
openFromAddress();
