/**
 * The content script: runs on the known outlets' pages, reads article metadata and tells the
 * background. Never throws into the page, never writes to it, and on pages that are not articles it
 * does nothing after one read of the head.
 *
 * Single-page sites change the URL without a new document. This script notices it itself (the
 * Navigation API's `currententrychange`, or a look at the address once a second where the browser
 * has no Navigation API) and reads the page again once the address has rested for `SETTLE_MS`; a
 * re-read aborts the one before it. The background does not watch tabs' addresses: a page calling
 * pushState thousands of times would otherwise queue thousands of browser events before every
 * message the background must answer. The extension API is touched only on article pages, to
 * report them, and when a view that was reported as an article is left (`page.left`).
 */
import { withoutHash } from '../core/match/address';
import { readArticle } from './extract';

interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** The extension API, looked up only when there is an article to report: the first touch costs the page. */
const extension = (): ExtensionApi | undefined => ((globalThis as { browser?: ExtensionApi }).browser ?? (globalThis as { chrome?: ExtensionApi }).chrome) as ExtensionApi | undefined;

let current: AbortController | null = null;
/** The address last read (or being read), without its fragment: a re-read for it is not needed. */
let readUrl = '';
/** This document told the background it shows an article (so leaving that view must be told too). */
let reported = false;
const here = () => withoutHash(location.href);
/**
 * How long an address must rest before it is read again: a site's router pushes its URL as it
 * starts to render the new view, and a flood of pushState calls costs one read once it stops.
 */
const SETTLE_MS = 600;

/** Reads the page and reports it; a later call aborts an earlier one still waiting. */
export async function report(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const meta = readArticle(document, location);
  if (signal.aborted) return;
  if (!meta) {
    if (reported) {
      reported = false;
      await extension()?.runtime.sendMessage({ type: 'page.left', payload: {} });
    }
    return;
  }
  const ext = extension();
  if (!ext) return;
  reported = true;
  const reply = await ext.runtime.sendMessage({ type: 'page.seen', payload: meta });
  if (signal.aborted) return;
  if (__STORYLENS_E2E__) {
    // Test builds only: lets a WebDriver test observe the background's answer from the page.
    document.documentElement.setAttribute('data-storylens-e2e', JSON.stringify(reply));
  }
}

if (__STORYLENS_E2E__) {
  // Test builds only: the WebDriver test asks for an extension page ('popup' or 'options', in the
  // attribute below) with a DOM event; the background opens it in a new tab (src/background/e2e-pages.ts).
  document.addEventListener('storylens-e2e-open', () => {
    const page = document.documentElement.getAttribute('data-storylens-e2e-open');
    const api = (globalThis as { browser?: { runtime: { connect(o: { name: string }): { postMessage(m: unknown): void } } } }).browser;
    if (page && api) api.runtime.connect({ name: 'storylens-e2e-pages' }).postMessage(page);
  });
}

function run(): void {
  readUrl = here();
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const go = () => {
    report(controller.signal).catch(() => {
      // The extension was reloaded or the background is unavailable: stay silent.
    });
  };
  // The page's own work comes first: read it when the main thread is idle (at most 2 s later).
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 0);
}

let settling: ReturnType<typeof setTimeout> | undefined;
/** The address may have changed: read again once it has rested (each change restarts the wait). */
function addressMayHaveChanged(): void {
  if (here() === readUrl) return;
  clearTimeout(settling);
  settling = setTimeout(() => {
    if (here() !== readUrl) run();
  }, SETTLE_MS);
}

try {
  run();
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', addressMayHaveChanged);
  else setInterval(addressMayHaveChanged, 1000);
  addEventListener('popstate', addressMayHaveChanged);
} catch {
  // Never let the page see an error from us.
}
