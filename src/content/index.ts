/**
 * The content script: runs on the known outlets' pages, reads article metadata and tells the
 * background. Never throws into the page, never writes to it, and on pages that are not articles it
 * does nothing after one read of the head.
 *
 * Single-page sites change the URL without a new document: the background sees the change
 * (tabs.onUpdated) and asks for a re-read ('page.changed'); a re-read aborts the one before it.
 */
import { readArticle } from './extract';

interface ExtensionApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(fn: (message: unknown, sender: { id?: string }) => void): void };
    id?: string;
  };
}
const ext = ((globalThis as { browser?: ExtensionApi }).browser ?? (globalThis as { chrome?: ExtensionApi }).chrome) as ExtensionApi | undefined;

let current: AbortController | null = null;

/** Reads the page and reports it; a later call aborts an earlier one still waiting. */
export async function report(signal: AbortSignal): Promise<void> {
  if (!ext || signal.aborted) return;
  const meta = readArticle(document, location);
  if (!meta || signal.aborted) return;
  const reply = await ext.runtime.sendMessage({ type: 'page.seen', payload: meta });
  if (signal.aborted) return;
  if (__STORYLENS_E2E__) {
    // Test builds only: lets a WebDriver test observe the background's answer from the page.
    document.documentElement.setAttribute('data-storylens-e2e', JSON.stringify(reply));
  }
}

function run(delayMs: number): void {
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
  ext?.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== ext.runtime.id) return;
    if ((message as { type?: unknown } | null)?.type === 'page.changed') run(600); // let the new view render
  });
} catch {
  // Never let the page see an error from us.
}
