/**
 * Test builds only (`__STORYLENS_E2E__`, the e2e Firefox build): opens one of the extension's own
 * pages in a new tab when the end-to-end test asks through the content script. WebDriver BiDi may
 * not navigate a tab to a moz-extension: address, and the toolbar popup is not a browsing context
 * BiDi can see; a tab the extension opens itself is. The tab opens in the background, so the
 * window's active tab stays the article, as it is for the toolbar popup.
 */
import type { Browser } from './browser';

/** The port name the e2e content script connects with. */
export const E2E_PORT = 'storylens-e2e-pages';
/** The only pages that may be opened: the popup and the options page, by name. */
const PAGES: Record<string, string> = { popup: 'src/popup/index.html', options: 'src/options/index.html' };

export function openPagesForTests(browser: Browser): void {
  browser.runtime.onConnect.addListener((port) => {
    // Only our own content script, from a tab.
    if (port.name !== E2E_PORT || port.sender?.id !== browser.runtime.id || port.sender.tab?.windowId === undefined) return;
    const windowId = port.sender.tab.windowId;
    port.onMessage.addListener((message: unknown) => {
      const page = typeof message === 'string' ? PAGES[message] : undefined;
      if (!page) return;
      void browser.tabs.create({ url: browser.runtime.getURL(page), active: false, windowId }).then((tab) => port.postMessage({ opened: message, tabId: tab.id }));
    });
  });
}
