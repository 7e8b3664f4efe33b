/**
 * A page that floods the browser with single-page address changes (history.pushState in a loop),
 * and an extension page pinging the background all the while: how long the worst answer took, and
 * whether every ping was answered. Shared by test/e2e/hardening.e2e.test.ts (every ping answered)
 * and `npm run bench:library` (the worst answer time).
 */
import type { Page } from 'playwright-core';

export interface FloodResult {
  /** pushState calls the page made, and how long they took it. */
  changes: number;
  pageMs: number;
  /** Pings sent from the extension page during the flood and for `settleMs` after it. */
  pings: number;
  answered: number;
  worstMs: number;
  p50Ms: number;
  p95Ms: number;
  /**
   * The same page's worst round trip to the browser alone (`storage.local.get`, which the worker
   * does not see) over the same time: when it is as slow, the browser is what is busy.
   */
  browserWorstMs: number;
  /** The last address the page reached (the browser may refuse part of a flood). */
  lastUrl: string;
}

/**
 * Floods `page` with `changes` pushState calls while `extensionPage` pings the background; the
 * pinging goes on for `settleMs` after the page stops, since the browser delivers the URL changes
 * to the worker after the page made them.
 */
export async function pushStateFlood(page: Page, extensionPage: Page, changes: number, settleMs = 3000): Promise<FloodResult> {
  await extensionPage.evaluate(async () => {
    const w = window as unknown as { floodPings: { times: number[]; browser: number[]; sent: number; stop: boolean; done: Promise<void> } };
    const state = { times: [] as number[], browser: [] as number[], sent: 0, stop: false, done: Promise.resolve() };
    // The page's first message sets up its channel: not part of what is measured, and answered
    // before the flood starts (so it cannot hide the start of a stall).
    await chrome.runtime.sendMessage({ type: 'ping', payload: {} });
    const pings = (async () => {
      while (!state.stop) {
        state.sent++;
        const t = performance.now();
        const r = (await chrome.runtime.sendMessage({ type: 'ping', payload: {} })) as { ok?: boolean } | undefined;
        if (r?.ok) state.times.push(performance.now() - t);
        await new Promise((ok) => setTimeout(ok, 5));
      }
    })();
    // At the same time, on its own: round trips to the browser that never reach the worker.
    const control = (async () => {
      while (!state.stop) {
        const t = performance.now();
        await chrome.storage.local.get('flood-control');
        state.browser.push(performance.now() - t);
        await new Promise((ok) => setTimeout(ok, 5));
      }
    })();
    state.done = Promise.all([pings, control]).then(() => undefined);
    w.floodPings = state;
  });
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
  const pings = await extensionPage.evaluate(async () => {
    const state = (window as unknown as { floodPings: { times: number[]; browser: number[]; sent: number; stop: boolean; done: Promise<void> } }).floodPings;
    state.stop = true;
    await state.done;
    return { sent: state.sent, times: state.times, browser: state.browser };
  });
  const sorted = [...pings.times].sort((a, b) => a - b);
  return {
    changes,
    pageMs,
    pings: pings.sent,
    answered: pings.times.length,
    worstMs: sorted.at(-1) ?? Number.NaN,
    p50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    browserWorstMs: Math.max(...pings.browser),
    lastUrl: page.url(),
  };
}
