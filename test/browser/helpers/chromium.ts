/**
 * Browser-test helper: launches Debian's Chromium through playwright-core (never a downloaded
 * browser), headless and offline-friendly, and records what a page must never do (dialogs, errors).
 */
import { type Browser, chromium, type Page } from 'playwright-core';

/** Flags that keep Chromium quiet and local: no sandbox (containers), no GPU, no background calls. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
] as const;

/** Starts headless Chromium from /usr/bin/chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** What a page did that it never should: JavaScript dialogs (alert, confirm) and uncaught errors. */
export interface PageIncidents {
  readonly dialogs: string[];
  readonly errors: string[];
}

/** Starts recording dialogs (dismissing them) and uncaught page errors of `page`. */
export function watchIncidents(page: Page): PageIncidents {
  const incidents: PageIncidents = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.errors.push(error.message));
  return incidents;
}
