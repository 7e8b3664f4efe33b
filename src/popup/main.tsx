import browser from 'webextension-polyfill';
import type { ActiveTab } from './App';
import { sendMessage } from '../client';

// The popup page opened in a tab (or a window) takes that width; as a toolbar popup it has its own (popup.css).
if (!browser.extension.getViews({ type: 'popup' }).includes(window)) document.documentElement.classList.add('page');

/**
 * The active tab of the popup's window (its address only where the browser lets the popup see it),
 * asked once and at once; the tab's view is asked as soon as the tab is known. Both are in flight
 * while the interface's modules load and render their first frame (the view's round trip to the
 * background is most of what a warm popup waits for), so nothing waits for the first paint to ask.
 */
const asked: Promise<ActiveTab | undefined> = browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => (tab ? { id: tab.id, url: tab.url } : undefined));
const activeTab = () => asked;
const firstView = asked
  .catch(() => undefined)
  .then((tab) => {
    performance.mark('storylens:view-asked');
    return sendMessage('tab.view', tab?.id === undefined ? {} : { tabId: tab.id });
  })
  .then((r) => {
    performance.mark('storylens:view-answered');
    return r;
  });

const root = document.getElementById('app');
if (root) {
  void Promise.all([import('preact'), import('./App')]).then(([{ h, render }, { App }]) => render(h(App, { send: sendMessage, activeTab, view: () => firstView }), root));
}
