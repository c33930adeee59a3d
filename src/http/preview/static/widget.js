/*
 * morelike widget: renders a "More like this" list into every <div data-morelike-id="ID">.
 * Served as-is at GET /widget.js (no build step, no dependencies). The API origin is the origin
 * this script was loaded from. Options (data attributes on the container):
 *   data-morelike-limit="4"          number of items (1..50, default 6)
 *   data-morelike-heading="Related"  heading text (default "More like this")
 *   data-morelike-images="false"     no teaser images (default: shown when an item has `image`)
 * Styles: override the CSS custom properties --morelike-font, --morelike-accent,
 * --morelike-text, --morelike-muted, --morelike-bg, --morelike-border, --morelike-radius,
 * --morelike-gap, --morelike-heading-size and --morelike-image-width, or any .morelike rule (ours
 * have zero specificity). Images load lazily, with the item's title as alt text.
 * Pages whose CSP forbids inline <style> get the list unstyled: style .morelike rules yourself.
 * On an empty list or a failed request the container is hidden and nothing is rendered.
 * All text is set with textContent, never parsed as HTML.
 */
(() => {
  const script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || window.morelike) {
    return;
  }
  const api = new URL(script.src, location.href).origin;
  const css =
    ':where(.morelike){font-family:var(--morelike-font,inherit);color:var(--morelike-text,inherit);' +
    'background:var(--morelike-bg,transparent);border-top:1px solid var(--morelike-border,#d0d4da);' +
    'border-radius:var(--morelike-radius,0);padding:var(--morelike-gap,.75em) 0;margin:1.5em 0}' +
    ':where(.morelike-heading){font-size:var(--morelike-heading-size,1.15em);margin:0 0 .5em}' +
    ':where(.morelike-list){list-style:none;margin:0;padding:0;display:grid;gap:var(--morelike-gap,.75em)}' +
    ':where(.morelike-link){color:var(--morelike-accent,#0b57d0);font-weight:600;text-decoration:none}' +
    ':where(.morelike-link:hover,.morelike-link:focus-visible){text-decoration:underline}' +
    ':where(.morelike-link:focus-visible){outline:2px solid var(--morelike-accent,#0b57d0);outline-offset:2px}' +
    ':where(.morelike-meta){display:block;color:var(--morelike-muted,#5f6368);font-size:.85em;margin-top:.15em}' +
    ':where(.morelike-item){display:flex;gap:var(--morelike-gap,.75em);align-items:flex-start}' +
    ':where(.morelike-image){flex:none;width:var(--morelike-image-width,6em);aspect-ratio:3/2;' +
    'object-fit:cover;border-radius:var(--morelike-radius,0);background:var(--morelike-border,#d0d4da)}';
  let count = 0;

  function addStyle() {
    if (document.getElementById('morelike-style')) {
      return;
    }
    const style = document.createElement('style');
    style.id = 'morelike-style';
    style.textContent = css;
    // First in <head>, so any stylesheet of the site wins over these defaults.
    (document.head || document.documentElement).prepend(style);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function formatDate(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      return '';
    }
    const lang = document.documentElement.lang || undefined;
    return date.toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' });
  }

  function isHttp(url) {
    return /^https?:\/\//i.test(url || '');
  }

  function renderImage(item) {
    const image = el('img', 'morelike-image');
    image.loading = 'lazy';
    image.decoding = 'async';
    image.alt = item.title;
    image.src = item.image;
    return image;
  }

  function renderItem(item, withImages) {
    const li = el('li', 'morelike-item');
    if (withImages && isHttp(item.image)) {
      li.append(renderImage(item));
    }
    const text = el('div', 'morelike-text');
    const link = el('a', 'morelike-link', item.title);
    link.href = item.url;
    text.append(link);
    const meta = [item.section, item.publishedAt ? formatDate(item.publishedAt) : '']
      .filter(Boolean)
      .join(' · ');
    if (meta) {
      text.append(el('span', 'morelike-meta', meta));
    }
    li.append(text);
    return li;
  }

  function render(container, items) {
    // Only items with an http(s) link make a teaser; the API validates URLs, this re-checks.
    const links = items.filter((item) => isHttp(item.url));
    if (links.length === 0) {
      return hide(container, 'empty');
    }
    addStyle();
    count += 1;
    const headingId = `morelike-heading-${count}`;
    const section = el('section', 'morelike');
    section.setAttribute('aria-labelledby', headingId);
    const heading = el(
      'h2',
      'morelike-heading',
      container.getAttribute('data-morelike-heading') || 'More like this',
    );
    heading.id = headingId;
    const list = el('ul', 'morelike-list');
    const withImages = container.getAttribute('data-morelike-images') !== 'false';
    list.append(...links.map((item) => renderItem(item, withImages)));
    section.append(heading, list);
    container.replaceChildren(section);
    container.hidden = false;
    container.setAttribute('data-morelike-state', 'ready');
  }

  function hide(container, state) {
    container.replaceChildren();
    container.hidden = true;
    container.setAttribute('data-morelike-state', state);
  }

  function load(container) {
    const id = container.getAttribute('data-morelike-id');
    if (!id || container.hasAttribute('data-morelike-state')) {
      return;
    }
    container.setAttribute('data-morelike-state', 'loading');
    const limit = Number.parseInt(container.getAttribute('data-morelike-limit') || '', 10);
    const query = limit >= 1 && limit <= 50 ? `?limit=${limit}` : '';
    const url = `${api}/v1/articles/${encodeURIComponent(id)}/related${query}`;
    fetch(url, { mode: 'cors', credentials: 'omit', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((body) => render(container, Array.isArray(body.items) ? body.items : []))
      .catch(() => hide(container, 'error'));
  }

  function scan() {
    for (const container of document.querySelectorAll('[data-morelike-id]')) {
      load(container);
    }
  }

  window.morelike = { scan };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan);
  } else {
    scan();
  }
})();
