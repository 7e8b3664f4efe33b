/**
 * The background (service worker in Chrome, event page in Firefox). Thin: it routes typed messages
 * to the core, keeps per-tab state and wires the browser's menus and commands; no domain logic.
 */
import type { Runtime } from 'webextension-polyfill';
import builtin from 'virtual:storylens/builtin';
import cardScript from '../content/card?script&iife';
import { contentScriptMatches } from '../core/outlets/registry';
import { browser } from './browser';
import { errorLog, isExpectedTabRefusal } from './errors';
import { createRouter, FEED_ALARM } from './router';
import { LibraryService } from './service';
import { tabStore } from './tabs';
import { openPagesForTests } from './e2e-pages';
import { followedIds } from './follows';
import { KAGI_ALARM, scheduleKagi } from './kagi';

const tabs = tabStore(browser);
const errors = errorLog(browser);
/** Runs a listener's work, recording its failure (an event listener has nobody to answer). */
const recorded = (where: string, work: () => Promise<unknown>): void => {
  work().catch((e: unknown) => errors.report(where, e));
};
// The library is loaded from IndexedDB on first use after every (re)start of the background.
let started: Promise<LibraryService> | null = null;
// Retention never removes a story the reader follows (follows.ts keeps them in storage.local).
const service = () => (started ??= LibraryService.start(builtin, { protectedIds: () => followedIds(browser) }).catch((e: unknown) => {
  started = null;
  throw e;
}));
const router = createRouter({ browser, tabs, service, errors, fetch: (input, init) => fetch(input, init) }, cardScript);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router.receive(message, sender));

// No tabs.onUpdated listener: the content script notices a single-page site's new address itself
// (see src/content/index.ts); listening here would queue every pushState of every page as an event
// ahead of the messages this worker must answer. A tab's state is shown only at its own address.
browser.tabs.onRemoved.addListener((tabId) => recorded('tab.removed', () => router.tabRemoved(tabId)));

// Check claim: a context-menu item on selected text, and a keyboard command.
const MENU_ID = 'storylens-check-claim';
browser.runtime.onInstalled.addListener(() => {
  recorded('install.alarm', async () => {
    const svc = await service();
    await browser.alarms.create(FEED_ALARM, { periodInMinutes: Math.min(svc.getSettings().refreshMinutes, 60) });
  });
  recorded('install.kagi', scheduleKagiRun);
  recorded('install.menu', async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: MENU_ID, title: browser.i18n.getMessage('checkClaimMenu') || 'Check claim with Storylens', contexts: ['selection'] });
  });
});
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined || !info.selectionText) return;
  const tabId = tab.id;
  const text = info.selectionText;
  recorded('menu.checkClaim', () => router.checkClaimInTab(tabId, text));
});
browser.commands.onCommand.addListener((command, tab) => {
  if (command !== 'check-claim' || tab?.id === undefined) return;
  const tabId = tab.id;
  recorded('command.checkClaim', async () => {
    let selected: unknown;
    try {
      [{ result: selected } = { result: undefined }] = await browser.scripting.executeScript({ target: { tabId }, func: () => window.getSelection()?.toString() ?? '' });
    } catch (e) {
      // A page no extension may script has no selection we can read: nothing to check.
      if (isExpectedTabRefusal(e)) return;
      throw e;
    }
    const text = typeof selected === 'string' ? selected.trim() : '';
    if (text) await router.checkClaimInTab(tabId, text);
  });
});

// Feeds refresh on an alarm; each feed keeps its own schedule and backoff, so the alarm only asks
// which feeds are due.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== FEED_ALARM) return;
  recorded('alarm.feeds', async () => {
    await (await service()).ready().then((svc) => svc.syncFeeds((input, init) => fetch(input, init)));
    // A followed story the sync changed: the button says so (router.ts checkFollowed).
    await router.checkFollowed();
  });
});

// Kagi News refreshes once a day after its publication (kagi.ts): the alarm is set from the stored
// status at install and start, after the reader changes the settings and after each run; a run's
// failure is recorded on its category or on the run, and by `recorded` if even that fails.
async function scheduleKagiRun(): Promise<void> {
  await scheduleKagi(browser, await (await service()).kagiView());
}
browser.runtime.onStartup.addListener(() => recorded('startup.kagi', scheduleKagiRun));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== KAGI_ALARM) return;
  recorded('alarm.kagi', async () => {
    const svc = await service();
    // Turned off since the alarm was set: nothing is fetched, and the alarm goes.
    if (!svc.kagiSettings().enabled) await scheduleKagiRun();
    else await router.syncKagi();
  });
});

// Article detection beyond the known outlets, once the reader grants access to all sites in the
// options page (an optional permission); taken back when the permission is removed.
const ALL_SITES = 'https://*/*';
const ALL_SITES_SCRIPT = 'storylens-all-sites';
async function syncAllSitesDetection(): Promise<void> {
  const granted = await browser.permissions.contains({ origins: [ALL_SITES] });
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [ALL_SITES_SCRIPT] });
  if (granted && registered.length === 0) {
    const js = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await browser.scripting.registerContentScripts([
      // The outlets already have the manifest's content script.
      { id: ALL_SITES_SCRIPT, matches: [ALL_SITES], excludeMatches: contentScriptMatches(), js, runAt: 'document_idle' },
    ]);
  } else if (!granted && registered.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: [ALL_SITES_SCRIPT] });
  }
}
browser.permissions.onAdded.addListener(() => recorded('permissions.added', syncAllSitesDetection));
browser.permissions.onRemoved.addListener(() => recorded('permissions.removed', syncAllSitesDetection));
browser.runtime.onStartup.addListener(() => recorded('startup.allSites', syncAllSitesDetection));
// A click on a notification about a followed story opens it. The notifications API exists only while
// its optional permission is granted, so the listener is added at start and again once it is granted.
let notificationClicks = false;
function listenToNotificationClicks(): void {
  if (notificationClicks || !browser.notifications?.onClicked) return;
  notificationClicks = true;
  browser.notifications.onClicked.addListener((id) => recorded('notification.click', () => router.openFollowed(id)));
}
listenToNotificationClicks();
browser.permissions.onAdded.addListener(listenToNotificationClicks);

// The button's global state does not outlive the browser: the followed stories' news is shown again.
browser.runtime.onStartup.addListener(() => recorded('startup.follows', () => router.checkFollowed()));

// Reachable only from the extension's own DevTools or the end-to-end tests (a worker's global scope is
// invisible to web pages and other extensions): the same path the context menu takes.
(globalThis as { storylens?: unknown }).storylens = {
  checkClaimInTab: (tabId: number, text: string) => router.checkClaimInTab(tabId, text),
};

// Test builds only (the e2e Firefox build): the end-to-end test opens the popup and options pages
// as tabs through the content script (see e2e-pages.ts); other builds leave this out.
if (__STORYLENS_E2E__) openPagesForTests(browser);
