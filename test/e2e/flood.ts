/**
 * A page that floods the browser with single-page address changes (history.pushState in a loop),
 * and an extension page pinging the background all the while: how long the worst answer took, and
 * whether every ping was answered. Shared by test/e2e/hardening.e2e.test.ts (every ping answered)
 * and `npm run bench:library` (the worst answer time).
 */
import type { Page } from 'playwright-core';
import { pingWhile, type Pings } from './pings';

export interface FloodResult {
  /** pushState calls the page made, and how long they took it. */
  changes: number;
  pageMs: number;
  /** Pings from the extension page during the flood and for `settleMs` after it. */
  pings: Pings;
  /** The last address the page reached (the browser may refuse part of a flood). */
  lastUrl: string;
}

/**
 * Floods `page` with `changes` pushState calls while `extensionPage` pings the background; the
 * pinging goes on for `settleMs` after the page stops, since the browser delivers the URL changes
 * to the worker after the page made them.
 */
export async function pushStateFlood(page: Page, extensionPage: Page, changes: number, settleMs = 3000): Promise<FloodResult> {
  const { pings, result: pageMs } = await pingWhile(extensionPage, async () => {
    const pageMs = await page.evaluate((n) => {
    const t = performance.now();
    const next = new URL(location.href);
    for (let i = 0; i < n; i++) {
      next.searchParams.set('flood', String(i));
      try {
        history.pushState({ i }, '', next.href);
      } catch {
        // Browsers may refuse part of a flood (Firefox throws); the page goes on.
      }
    }
    return performance.now() - t;
  }, changes);
    await page.waitForTimeout(settleMs);
    return pageMs;
  });
  return { changes, pageMs, pings, lastUrl: page.url() };
}
