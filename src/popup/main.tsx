import browser from 'webextension-polyfill';
import { h, render } from 'preact';
import { App } from './App';
import { sendMessage } from '../client';
import { askTabView } from './tabView';

// The popup page opened in a tab (or a window) takes that width; as a toolbar popup it has its own (popup.css).
if (!browser.extension.getViews({ type: 'popup' }).includes(window)) document.documentElement.classList.add('page');

/**
 * The popup window's active tab (its address only where the browser lets the popup see it) and the
 * tab's view are asked at once, before the first render (tabView.ts): the view's round trip to the
 * background is most of what a warm popup waits for, so nothing waits for the first paint to ask.
 *
 * The interface's modules are static imports, not `import()`: the build lists them in the page's
 * `<link rel="modulepreload">`s, so they load in one wave with this script and the stylesheet.
 * Loaded on demand they were a second wave of extension-resource requests, started only once this
 * script ran (Chromium traces of bench:popup: ~12 ms of the popup's main thread spent starting them,
 * ~20 ms more until they had arrived), while evaluating them takes well under a millisecond.
 */
const { activeTab, view } = askTabView(
  () => browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => (tab ? { id: tab.id, url: tab.url } : undefined)),
  (tabId) => sendMessage('tab.view', tabId === undefined ? {} : { tabId }),
  { asked: () => performance.mark('storylens:view-asked'), answered: () => performance.mark('storylens:view-answered') },
);

// Opened as a page with `#story=ID` (a click on a notification about a followed story): that story.
const story = new URLSearchParams(location.hash.slice(1)).get('story') ?? undefined;

const root = document.getElementById('app');
if (root) render(h(App, { send: sendMessage, activeTab: () => activeTab, view: () => view, story }), root);
