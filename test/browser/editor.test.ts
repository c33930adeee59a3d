/**
 * The editors' preview page in real Chromium against the real server and the fixture corpus:
 * what an editor does (find, draft, pin, block) and what must never happen (markup run as HTML).
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type PageIncidents, watchIncidents } from './helpers/chromium.js';
import {
  fixtureArticles,
  type PreviewServer,
  startPreviewServer,
  TEST_API_KEY,
} from './helpers/preview-server.js';

const SCREENSHOT = fileURLToPath(new URL('../../docs/editor.png', import.meta.url));
const XSS_TITLE = '<img src=x onerror=alert(1)>';
const articles = fixtureArticles();
/** The ids of one story of the fixture (its id prefix, e.g. `flood`). */
const story = (prefix: string) => articles.filter((a) => a.id.startsWith(prefix)).map((a) => a.id);

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let incidents: PageIncidents;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  // Each test starts with no pins or blocks, whatever the previous one did.
  for (const { id } of articles) {
    await server.write(`/v1/articles/${id}/overrides`, 'PUT', { pinned: [], blocked: [] });
  }
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  incidents = watchIncidents(page);
});

afterEach(async () => {
  expect(incidents.errors).toEqual([]);
  await context.close();
});

/** Ids of the related list on screen, in order. */
function relatedIds(): Promise<string[]> {
  return page
    .locator('#related > li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
}

async function openArticle(id: string): Promise<void> {
  await page.goto(`${server.url}/editor#article=${encodeURIComponent(id)}`);
  await expect.poll(() => page.locator('#selected-id').textContent()).toBe(id);
  await page.locator('#related > li').first().waitFor();
}

async function enterKey(key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
}

describe('editor page', () => {
  it('finds a stored article by title words, from the keyboard, and shows its related list', async () => {
    await page.goto(`${server.url}/editor`);
    await page.getByLabel('Find an article by title words or id').fill('drivers strike');
    const hit = page.locator('#search-results button[data-id="rail-1"]');
    await hit.waitFor();
    await hit.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('#selected-id').textContent()).toBe('rail-1');
    await page.locator('#related > li').first().waitFor();
    const ids = await relatedIds();
    expect(ids).not.toContain('rail-1');
    expect(story('rail')).toContain(ids[0]);
    const first = page.locator('#related > li').first();
    await expect.poll(() => first.locator('.score strong').textContent()).toMatch(/^[01]\.\d\d$/);
    expect(await first.locator('.section').textContent()).toBe('business');
    expect(await first.locator('time').getAttribute('datetime')).toMatch(/^2026-/);
    expect(await page.locator('#status').textContent()).toMatch(/related articles? for/);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('opens a stored article by id from the address', async () => {
    await openArticle('cup-1');
    expect(await page.locator('#selected-title').textContent()).toBe(
      articles.find((a) => a.id === 'cup-1')?.title,
    );
    expect(story('cup')).toContain((await relatedIds())[0]);
  });

  it('suggests related articles for a pasted draft as the editor types', async () => {
    await page.goto(`${server.url}/editor`);
    await page.getByLabel('a draft').check();
    await page
      .getByLabel('Title', { exact: true })
      .fill('Rail strike: train drivers reject the new pay offer');
    await page
      .getByLabel('Body', { exact: true })
      .fill(
        'The train drivers union rejected the pay offer from rail operators, so the strike goes on.',
      );
    await page.locator('#related > li').first().waitFor();
    expect(story('rail')).toContain((await relatedIds())[0]);
    expect(await page.locator('#status').textContent()).toContain('Rail strike: train drivers');
    // Overrides belong to stored articles: a draft's list offers no pin or block.
    expect(await page.locator('#related button').count()).toBe(0);
  });

  it('shows a clear "no strong matches" state when nothing is related enough', async () => {
    await openArticle('rail-1');
    await page.getByLabel('Min score (0–1)').fill('1');
    await page.locator('#empty').waitFor();
    expect(await page.locator('#empty').textContent()).toContain('No strong matches');
    expect(await page.locator('#related > li').count()).toBe(0);
  });

  it('asks for the API key before pinning', async () => {
    await openArticle('flood-1');
    await page.locator('#related > li').first().getByRole('button', { name: /^Pin/ }).click();
    await page.locator('#error').waitFor();
    expect(await page.locator('#error').textContent()).toContain('API key');
    expect(await page.locator('#related .badge').count()).toBe(0);
  });

  it('checks a key when it is entered: a wrong one is refused at once and not kept', async () => {
    await page.goto(`${server.url}/editor`);
    await enterKey('not-the-key');
    const refused = await fetch(`${server.url}/v1/auth`, {
      headers: { Authorization: 'Bearer not-the-key' },
    });
    const { detail } = (await refused.json()) as { detail: string };
    await expect
      .poll(() => page.locator('#key-status').textContent())
      .toBe(`Key not accepted: ${detail}`);
    expect(await page.evaluate("sessionStorage.getItem('morelike.apiKey')")).toBeNull();
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');

    await enterKey(TEST_API_KEY);
    await expect.poll(() => page.locator('#key-status').textContent()).toMatch(/^Key set/);
    expect(await page.evaluate("sessionStorage.getItem('morelike.apiKey')")).toBe(TEST_API_KEY);
  });

  it('pins an article found by search that the list did not show', async () => {
    await openArticle('flood-1');
    await enterKey(TEST_API_KEY);
    const target = articles.find((a) => a.id.startsWith('cup'));
    expect(await relatedIds()).not.toContain(target?.id);
    await page.getByLabel('Find any stored article by title words or id').fill(target?.id ?? '');
    await page
      .locator(`#pin-search-results > li[data-id="${target?.id}"]`)
      .getByRole('button', { name: /^Pin/ })
      .click();

    await expect.poll(async () => (await relatedIds())[0]).toBe(target?.id);
    expect(await page.locator('#related > li').first().locator('.badge').textContent()).toBe(
      'Pinned',
    );
    const saved = await (await fetch(`${server.url}/v1/articles/flood-1/overrides`)).json();
    expect(saved).toEqual({ pinned: [target?.id], blocked: [] });
    // The source itself is never offered.
    await page.getByLabel('Find any stored article by title words or id').fill('flood-1');
    await expect.poll(() => page.locator('#pin-search-status').textContent()).not.toBe('');
    expect(await page.locator('#pin-search-results > li[data-id="flood-1"]').count()).toBe(0);
  });

  it('pins an item and shows it first, kept after a reload in the same tab', async () => {
    await openArticle('flood-1');
    await enterKey(TEST_API_KEY);
    const ids = await relatedIds();
    const last = ids.at(-1) ?? '';
    expect(ids.length).toBeGreaterThan(1);
    await page
      .locator(`#related > li[data-id="${last}"]`)
      .getByRole('button', { name: /^Pin/ })
      .click();

    await expect.poll(async () => (await relatedIds())[0]).toBe(last);
    const pinned = page.locator('#related > li').first();
    expect(await pinned.locator('.badge').textContent()).toBe('Pinned');
    expect(await pinned.getByRole('button', { name: /^Unpin/ }).count()).toBe(1);

    await page.reload();
    await expect.poll(async () => (await relatedIds())[0]).toBe(last);
    // The key lives in this tab's session storage only.
    expect(await page.evaluate("sessionStorage.getItem('morelike.apiKey')")).toBe(TEST_API_KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
  });

  it('blocks an item: it leaves the list, shows under Blocked, and unblocking brings it back', async () => {
    await openArticle('rail-1');
    await enterKey(TEST_API_KEY);
    const [target] = await relatedIds();
    expect(target).toBeDefined();
    await page
      .locator(`#related > li[data-id="${target}"]`)
      .getByRole('button', { name: /^Block/ })
      .click();

    await expect.poll(relatedIds).not.toContain(target);
    const blocked = page.locator(`#blocked > li[data-id="${target}"]`);
    await blocked.waitFor();
    const title = articles.find((a) => a.id === target)?.title ?? '';
    expect(await blocked.locator('.blocked-title').textContent()).toBe(title);

    await blocked.getByRole('button', { name: /^Unblock/ }).click();
    await expect.poll(relatedIds).toContain(target);
    expect(await page.locator('#blocked-section').isHidden()).toBe(true);
  });

  it('shows a title holding HTML as text and runs nothing', async () => {
    await page.goto(`${server.url}/editor`);
    await page.getByLabel('Find an article by title words or id').fill('xss-1');
    await page.locator('#search-results button[data-id="xss-1"]').click();
    await expect.poll(() => page.locator('#selected-title').textContent()).toBe(XSS_TITLE);

    // Pinned, so it is on flood-1's list whatever its score.
    await server.write('/v1/articles/flood-1/overrides', 'PUT', { pinned: ['xss-1'], blocked: [] });
    await openArticle('flood-1');
    const item = page.locator('#related > li[data-id="xss-1"] .item-title');
    await item.waitFor();
    expect(await item.textContent()).toBe(XSS_TITLE);
    expect(await page.getByText(XSS_TITLE, { exact: true }).first().isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(incidents.dialogs).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openArticle('flood-1');
    const [pageWidth, screenWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(pageWidth).toBeLessThanOrEqual(screenWidth);
  });
});
