/**
 * The /docs page in real Chromium, served by the real server: a person can read it (contents,
 * operations grouped by tag, schemas as tables, error codes), it follows its own links, and it
 * loads nothing from anywhere else (offline).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchChromium, type PageIncidents, watchIncidents } from './helpers/chromium.js';

let server: TestServer;
let browser: Browser;
let page: Page;
let incidents: PageIncidents;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  incidents = watchIncidents(page);
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  await page.goto(`${server.url}/docs`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('/docs', () => {
  it('groups the operations under readable headings, with a contents list', async () => {
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual([
      'Related lists',
      'Articles',
      'Overrides',
      'Search',
      'Service',
      'Pages',
      'Schemas',
      'Errors',
    ]);
    const contents = page.getByRole('navigation', { name: 'Contents' }).getByRole('link');
    expect(await contents.count()).toBeGreaterThan(18);
  });

  it('takes the reader from the contents to an operation and on to its schema', async () => {
    await page.getByRole('link', { name: 'GET /v1/search' }).click();
    expect(new URL(page.url()).hash).toBe('#op-searchArticles');
    const section = page.locator('#op-searchArticles');
    expect(await section.isVisible()).toBe(true);
    await section.getByRole('link', { name: 'SearchAnswer' }).click();
    const schema = page.locator('#schema-SearchAnswer');
    expect(await schema.getByRole('cell', { name: 'items', exact: true }).isVisible()).toBe(true);
    await page.locator('#op-getRelated').getByRole('link', { name: 'RelatedList' }).click();
    const list = page.locator('#schema-RelatedList');
    expect(await list.getByRole('link', { name: 'RelatedItem' }).isVisible()).toBe(true);
  });

  it('is a page, not a dump: compact tables instead of raw JSON Schema', async () => {
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('"type"');
    expect(text).not.toContain('$ref');
    expect(text).toContain('integer, 1..50');
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    expect(height).toBeLessThan(14_000);
    expect(await page.locator('#error-article-not-found').textContent()).toContain('404');
  });

  it('loads nothing from another origin and runs no script', async () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(incidents.errors).toEqual([]);
  });
});
