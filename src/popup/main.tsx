import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App, type ActiveTab } from './App';
import { sendMessage } from '../client';

// The popup page opened in a tab (or a window) takes that width; as a toolbar popup it has its own (popup.css).
if (!browser.extension.getViews({ type: 'popup' }).includes(window)) document.documentElement.classList.add('page');

/**
 * The active tab of the popup's window (its address only where the browser lets the popup see it),
 * asked once and at once, while Preact renders the first frame.
 */
const asked: Promise<ActiveTab | undefined> = browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => (tab ? { id: tab.id, url: tab.url } : undefined));
const activeTab = () => asked;

const root = document.getElementById('app');
if (root) render(<App send={sendMessage} activeTab={activeTab} />, root);
