/**
 * The content script: runs on the known outlets' pages, reads article metadata and tells the
 * background. It never throws into the page and never writes to a page that is not an article.
 */
import { readArticle } from './extract';

interface RuntimeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}
const ext = ((globalThis as { browser?: RuntimeLike }).browser ?? (globalThis as { chrome?: RuntimeLike }).chrome) as RuntimeLike | undefined;

async function report(): Promise<void> {
  const meta = readArticle(document, location);
  if (!meta || !ext) return;
  const reply = await ext.runtime.sendMessage({ type: 'page.seen', payload: meta });
  if (__STORYLENS_E2E__) {
    // Test builds only: lets a WebDriver test observe the background's answer from the page.
    document.documentElement.setAttribute('data-storylens-e2e', JSON.stringify(reply));
  }
}

report().catch(() => {
  // The extension was reloaded or the background is unavailable: stay silent, the page is unaffected.
});
