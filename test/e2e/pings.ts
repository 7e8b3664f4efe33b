/**
 * An extension page pinging the background every 5 ms while something else happens: how long the
 * worker took to answer, and whether it answered every time. Beside the pings the same page times
 * round trips to the browser alone (`storage.local.get`, which the worker never sees), so that a slow
 * answer can be told apart from a busy browser. Shared by the e2e tests (every ping answered) and the
 * benches (the worst answer time).
 */
import type { Page } from 'playwright-core';

export interface Pings {
  /** Pings sent while `during` ran. */
  sent: number;
  answered: number;
  worstMs: number;
  p50Ms: number;
  p95Ms: number;
  /** The worst round trip to the browser alone over the same time: when it is as slow, the browser is what was busy. */
  browserWorstMs: number;
}

type PingState = { times: number[]; browser: number[]; sent: number; stop: boolean; done: Promise<void> };

/** Pings the worker from `extensionPage` until `during` settles; its result is returned beside the pings. */
export async function pingWhile<T>(extensionPage: Page, during: () => Promise<T>): Promise<{ pings: Pings; result: T }> {
  await extensionPage.evaluate(async () => {
    const state: PingState = { times: [], browser: [], sent: 0, stop: false, done: Promise.resolve() };
    // The page's first message sets up its channel: answered before `during` starts, so that a stall
    // at its very start is timed by the pings that follow (not hidden in this one).
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
    const control = (async () => {
      while (!state.stop) {
        const t = performance.now();
        await chrome.storage.local.get('storylens-ping-control');
        state.browser.push(performance.now() - t);
        await new Promise((ok) => setTimeout(ok, 5));
      }
    })();
    state.done = Promise.all([pings, control]).then(() => undefined);
    (window as unknown as { storylensPings: PingState }).storylensPings = state;
  });
  const result = await during();
  const r = await extensionPage.evaluate(async () => {
    const state = (window as unknown as { storylensPings: PingState }).storylensPings;
    state.stop = true;
    await state.done;
    return { sent: state.sent, times: state.times, browser: state.browser };
  });
  const sorted = [...r.times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor(sorted.length * q)] ?? Number.NaN;
  return {
    result,
    pings: {
      sent: r.sent,
      answered: sorted.length,
      worstMs: sorted.at(-1) ?? Number.NaN,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      browserWorstMs: Math.max(...r.browser),
    },
  };
}
