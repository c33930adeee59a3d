/**
 * The embeddable widget in real Chromium: a static page on another origin (another port) includes
 * /widget.js from the real API server and gets an accessible "More like this" list over CORS.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type PageIncidents, watchIncidents } from './helpers/chromium.js';
import {
  fixtureArticles,
  type PreviewServer,
  startPreviewServer,
} from './helpers/preview-server.js';
import { type StaticSite, startStaticSite } from './helpers/static-site.js';

/** A 1x1 PNG: the teaser image the site serves. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A title with quotes and markup characters (decoded from entities at ingest). */
const IMAGE_TITLE_SENT = 'Council &quot;promises&quot; new flood defences &lt;b&gt; &amp; more';
const IMAGE_TITLE = 'Council "promises" new flood defences <b> & more';

const articles = fixtureArticles();
const urls = new Set(articles.map((a) => a.url));

let server: PreviewServer;
let site: StaticSite;
let browser: Browser;
let page: Page;
let incidents: PageIncidents;

function sitePage(apiUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A news site</title>
<style>.teasers { --morelike-accent: rgb(200, 0, 0); }</style></head>
<body>
<article><h1>Storm floods the harbour town</h1><p>Story text.</p></article>
<div class="teasers" id="box" data-morelike-id="flood-1" data-morelike-limit="3"></div>
<div id="missing" data-morelike-id="no-such-article"></div>
<div id="plain" data-morelike-id="flood-1" data-morelike-images="false"></div>
<script src="${apiUrl}/widget.js" async></script>
</body>
</html>`;
}

let imageUrl: string;

beforeAll(async () => {
  server = await startPreviewServer();
  site = await startStaticSite(sitePage(server.url), {
    '/teaser.png': { type: 'image/png', body: PNG },
  });
  // An image URL whose quotes would break out of an attribute written as HTML.
  imageUrl = `${site.url}teaser.png?a="b"onerror="alert(1)`;
  const flood2 = articles.find((a) => a.id === 'flood-2');
  const put = await server.write('/v1/articles/flood-2', 'PUT', {
    ...flood2,
    title: IMAGE_TITLE_SENT,
    image: imageUrl,
  });
  expect(put.status).toBe(200);
  browser = await launchChromium();
  page = await browser.newPage();
  incidents = watchIncidents(page);
  await page.goto(site.url);
  await page.locator('#box[data-morelike-state="ready"]').waitFor();
  await page.locator('#plain[data-morelike-state="ready"]').waitFor();
  await page.locator('#missing[data-morelike-state="error"]').waitFor({ state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('widget.js on a page of another origin', () => {
  it('renders a labelled "More like this" section with a list of links', async () => {
    expect(new URL(site.url).origin).not.toBe(new URL(server.url).origin);
    const section = page.locator('#box').getByRole('region', { name: 'More like this' });
    expect(await section.getByRole('heading', { name: 'More like this' }).count()).toBe(1);
    const links = section.getByRole('list').getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(3);
    const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      expect(urls.has(href)).toBe(true);
    }
    expect(hrefs).not.toContain(articles.find((a) => a.id === 'flood-1')?.url);
  });

  it('takes its colours from CSS custom properties set by the site', async () => {
    const color = await page
      .locator('#box a')
      .first()
      .evaluate((link) => link.ownerDocument.defaultView?.getComputedStyle(link).color);
    expect(color).toBe('rgb(200, 0, 0)');
  });

  it('renders nothing for an article the API does not know', async () => {
    const missing = page.locator('#missing');
    expect(await missing.isHidden()).toBe(true);
    expect(await missing.evaluate((node) => node.childElementCount)).toBe(0);
  });

  it("shows an item's image, lazily, with its title as alt text", async () => {
    const image = page.locator('#box img');
    expect(await image.count()).toBe(1);
    expect(await image.getAttribute('loading')).toBe('lazy');
    expect(await image.getAttribute('alt')).toBe(IMAGE_TITLE);
    expect(await image.getAttribute('src')).toBe(imageUrl);
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img) => Reflect.get(img, 'naturalWidth'))).toBe(1);
    const item = page.locator('#box li', { has: page.locator('img') });
    expect(await item.getByRole('link').textContent()).toBe(IMAGE_TITLE);
  });

  it('leaves images out when the container asks for none', async () => {
    expect(await page.locator('#plain a').count()).toBeGreaterThan(0);
    expect(await page.locator('#plain img').count()).toBe(0);
  });

  it('sets every title and URL as text or property and runs nothing', async () => {
    const images = page.locator('img');
    expect(await images.count()).toBe(1);
    expect(await images.evaluate((img) => img.getAttributeNames().sort())).toEqual([
      'alt',
      'class',
      'decoding',
      'loading',
      'src',
    ]);
    expect(incidents.dialogs).toEqual([]);
    expect(incidents.errors).toEqual([]);
  });
});
