/**
 * The background (service worker in Chrome, event page in Firefox). Thin: it routes typed messages
 * to the core and keeps per-tab state; it holds no domain logic.
 */
import type { Runtime } from 'webextension-polyfill';
import builtin from 'virtual:storylens/builtin';
import { browser } from './browser';
import { createRouter } from './router';
import { tabStore } from './tabs';

const tabs = tabStore(browser);
const router = createRouter({ browser, tabs, library: () => builtin });

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router.receive(message, sender));

// A tab that navigates away from an article loses its badge and state; a single-page site that
// changes its URL is asked to report again. (changeInfo.url needs the outlets' host permissions.)
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url === undefined) return;
  void router.urlChanged(tabId, change.url, change.status === 'loading');
});
browser.tabs.onRemoved.addListener((tabId) => {
  void tabs.clear(tabId);
});
