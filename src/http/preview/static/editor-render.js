/*
 * Editor page, rendering: builds the search results, the related list and the blocked list with DOM
 * APIs. Every piece of data is set with textContent or a property, never parsed as HTML.
 */

/** Creates an element with an optional class and text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null && text !== '') {
    node.textContent = String(text);
  }
  return node;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function time(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const node = el('time', 'date', dateFormat.format(date));
  node.dateTime = value;
  return node;
}

/** A button whose accessible name is `verb` plus the item title (visually only `verb`). */
function actionButton(verb, title, action, id) {
  const button = el('button', `action action-${action}`, verb);
  button.type = 'button';
  button.dataset.action = action;
  button.dataset.id = id;
  button.append(el('span', 'vh', ` “${title}”`));
  return button;
}

/** One search hit: a button that selects the article. */
export function searchHit(article) {
  const li = el('li');
  const button = el('button', 'hit');
  button.type = 'button';
  button.dataset.id = article.id;
  button.append(el('span', 'hit-title', article.title));
  const meta = el('span', 'hit-meta');
  meta.append(el('code', '', article.id));
  if (article.section) {
    meta.append(' · ', el('span', '', article.section));
  }
  const date = article.publishedAt && time(article.publishedAt);
  if (date) {
    meta.append(' · ', date);
  }
  button.append(meta);
  li.append(button);
  return li;
}

function itemMeta(item) {
  const meta = el('p', 'meta');
  if (item.pinned) {
    meta.append(el('span', 'badge', 'Pinned'));
  }
  if (item.section) {
    meta.append(el('span', 'section', item.section));
  }
  const date = item.publishedAt && time(item.publishedAt);
  if (date) {
    meta.append(date);
  }
  const score = el('span', 'score');
  const meter = el('meter');
  meter.min = 0;
  meter.max = 1;
  meter.value = item.score;
  meter.setAttribute('aria-hidden', 'true');
  score.append('score ', el('strong', '', item.score.toFixed(2)), meter);
  meta.append(score);
  return meta;
}

/**
 * One related item. `canEdit` is false for drafts (overrides belong to a stored source).
 */
export function relatedItem(item, canEdit) {
  const li = el('li', item.pinned ? 'item pinned' : 'item');
  li.dataset.id = item.id;
  const main = el('div', 'item-main');
  const title = item.url ? el('a', 'item-title', item.title) : el('span', 'item-title', item.title);
  if (item.url) {
    title.href = item.url;
    title.target = '_blank';
    title.rel = 'noopener noreferrer';
  }
  main.append(title, itemMeta(item));
  if (item.image) {
    const img = el('img', 'thumb');
    img.src = item.image;
    img.alt = '';
    img.loading = 'lazy';
    li.append(img);
  }
  if (item.reasons && item.reasons.length > 0) {
    const reasons = el('p', 'reasons', 'Shared: ');
    const list = el('span', 'chips');
    for (const reason of item.reasons) {
      list.append(el('span', 'chip', reason));
    }
    reasons.append(list);
    main.append(reasons);
  }
  li.append(main);
  if (canEdit) {
    const actions = el('div', 'actions');
    actions.append(
      item.pinned
        ? actionButton('Unpin', item.title, 'unpin', item.id)
        : actionButton('Pin', item.title, 'pin', item.id),
      actionButton('Block', item.title, 'block', item.id),
    );
    li.append(actions);
  }
  return li;
}

/** One hit of the pin finder: title, id and a Pin button (any stored article can be pinned). */
export function pinHit(article) {
  const li = el('li', 'pin-hit');
  li.dataset.id = article.id;
  li.append(el('span', 'pin-title', article.title), ' ', el('code', '', article.id));
  li.append(actionButton('Pin', article.title, 'pin', article.id));
  return li;
}

/** One blocked item, with its title when known and an Unblock button. */
export function blockedItem(id, title) {
  const li = el('li', 'blocked-item');
  li.dataset.id = id;
  const label = el('span', 'blocked-title', title || id);
  li.append(label);
  if (title) {
    li.append(' ', el('code', '', id));
  }
  li.append(actionButton('Unblock', title || id, 'unblock', id));
  return li;
}
