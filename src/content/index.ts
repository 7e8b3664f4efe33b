/**
 * The content script: runs on the known outlets' pages, reads article metadata and tells the
 * background. Never throws into the page, never writes to it, and on pages that are not articles it
 * does nothing after one read of the head.
 *
 * Single-page sites change the URL without a new document: the background sees the change
 * (tabs.onUpdated) and calls this script's re-read in its own world; a re-read aborts the one before
 * it. The extension API is touched only on article pages, to report them.
 */
import { withoutHash } from '../core/match/address';
import { REREAD } from './reread';
import { readArticle } from './extract';

interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** The extension API, looked up only when there is an article to report: the first touch costs the page. */
const extension = (): ExtensionApi | undefined => ((globalThis as { browser?: ExtensionApi }).browser ?? (globalThis as { chrome?: ExtensionApi }).chrome) as ExtensionApi | undefined;

let current: AbortController | null = null;
/** The address last read (or being read), without its fragment: a re-read for it is not needed. */
let readUrl = '';
const here = () => withoutHash(location.href);

/** Reads the page and reports it; a later call aborts an earlier one still waiting. */
export async function report(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const meta = readArticle(document, location);
  const ext = meta && !signal.aborted ? extension() : undefined;
  if (!meta || !ext) return;
  const reply = await ext.runtime.sendMessage({ type: 'page.seen', payload: meta });
  if (signal.aborted) return;
  if (__STORYLENS_E2E__) {
    // Test builds only: lets a WebDriver test observe the background's answer from the page.
    document.documentElement.setAttribute('data-storylens-e2e', JSON.stringify(reply));
  }
}

function run(delayMs: number): void {
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
  const whenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(go, { timeout: 2000 }) : setTimeout(go, 0));
  if (delayMs > 0) setTimeout(whenIdle, delayMs);
  else whenIdle();
}

try {
  run(0);
  // A single-page site's new view: the background sees the URL change and calls this, in this
  // script's own world (scripting.executeScript), where the page cannot reach it. No message
  // listener is kept on every page.
  (globalThis as { [REREAD]?: () => void })[REREAD] = () => {
    if (here() !== readUrl) run(600); // let the new view render
  };
} catch {
  // Never let the page see an error from us.
}
