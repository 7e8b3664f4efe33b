/**
 * Matching, end to end in Chromium: fixture articles served under their outlets' real domains get
 * the badge, and the real toolbar popup names the outlet and the story's source number; pages that
 * are not articles of a story get nothing; a tab's match outlives the MV3 service worker (the state
 * is in storage.session, the library is reloaded from IndexedDB and the bundle).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeText, closeTab, monitorWorker, openOptionsPage, openPopup, openTab, pageOf, sendFromPage, stopServiceWorker, waitForWorker, watchConsole, type ChromeSession, type ConsoleWatch, type Tab } from './chromium';
import { expectedBadgeText, readBadge, REFERENCE_STORY, waitForStoryBadge } from './badge';
import { poll, ROOT, sleep } from './env';
import { chromiumSuite, expectNoBadge } from './harness';
import { readingLine, readPopup, STORY_SHOWN, STORY_TITLE } from './popup-dom';
import { PAGES, pageUrl, type PageName } from './server';

const KAGI_STORIES = join(ROOT, '../shared/data/matching/kagi-dev-stories.json');

/** Opens the page (a page of the reference story), waits for its badge, and reads the popup's "You are reading" line and title. */
async function matchedTab(s: ChromeSession, name: PageName): Promise<{ tab: Tab; reading: string | null; title: string }> {
  const url = pageUrl(name);
  const tab = await openTab(s, url);
  await waitForStoryBadge(s, tab, REFERENCE_STORY, url);
  const popup = await openPopup(s, tab);
  try {
    const dom = await readPopup(popup.cdp, STORY_SHOWN);
    expect(dom.alert).toBeNull();
    return { tab, reading: readingLine(dom), title: dom.title };
  } finally {
    await popup.close();
  }
}

describe('Chromium: matching articles to stories', () => {
  let watch: ConsoleWatch | undefined;
  const suite = chromiumSuite({ setUp: async ({ session }) => void (watch = await watchConsole(session())) });

  it('badges the AP article (source 3); the popup says "You are reading: AP (source 3)"', async () => {
    const s = suite.session();
    const { tab, reading, title } = await matchedTab(s, 'apArticle');
    try {
      suite.expectServed('apArticle');
      expect(title).toBe(STORY_TITLE);
      expect(reading).toBe('You are reading: AP (source 3)');
    } finally {
      await closeTab(s, tab);
    }
  });

  it('badges the Newsweek article under a rewritten headline; the popup says "You are reading: Newsweek (source 8)"', async () => {
    const s = suite.session();
    const { tab, reading, title } = await matchedTab(s, 'newsweekRewritten');
    try {
      suite.expectServed('newsweekRewritten');
      expect(title).toBe(STORY_TITLE);
      expect(reading).toBe('You are reading: Newsweek (source 8)');
    } finally {
      await closeTab(s, tab);
    }
  });

  it("does not badge Newsweek's home page or AP's hub page (not articles)", async () => {
    const s = suite.session();
    for (const name of ['newsweekHome', 'apHub'] as const) {
      const url = pageUrl(name);
      const tab = await openTab(s, url);
      try {
        suite.expectServed(name);
        await expectNoBadge(s, tab, url);
      } finally {
        await closeTab(s, tab);
      }
    }
  });

  it('reads a single-page site again when it changes its URL: CNN home → article gets the badge, and back loses it', async () => {
    const s = suite.session();
    const home = pageUrl('cnnHome');
    const tab = await openTab(s, home);
    try {
      await expectNoBadge(s, tab, home);
      const page = await pageOf(s, home);
      // The site's router: fetch the next view, swap it in, push its URL. No new document loads.
      const view = async (path: string) =>
        page.evaluate(async (to) => {
          const html = await (await fetch(to)).text();
          const next = new DOMParser().parseFromString(html, 'text/html');
          document.head.replaceWith(next.head);
          document.body.replaceWith(next.body);
          history.pushState({}, '', to);
        }, path);
      await view(PAGES.cnnArticle.path);
      await waitForStoryBadge(s, tab, REFERENCE_STORY, 'the CNN article after the single-page navigation');
      await view('/');
      await poll(() => badgeText(s, tab), (t) => t === '', 'no badge after navigating back to the home view');
    } finally {
      await closeTab(s, tab);
    }
  });

  it('keeps the BBC match across a service worker restart: the popup that restarts it still says "You are reading: BBC (source 6)"', async () => {
    const s = suite.session();
    const url = pageUrl('bbcArticle');
    const { tab, reading } = await matchedTab(s, 'bbcArticle');
    try {
      expect(reading).toBe('You are reading: BBC (source 6)');
      // A mark in the running worker's global scope: a restarted worker starts without it.
      await s.worker.evaluate(() => void ((globalThis as { e2eMark?: boolean }).e2eMark = true));
      const monitor = await monitorWorker(s);
      try {
        // The monitor opened in a new tab: the BBC tab is made the active one again (no tab event
        // the extension listens to), as the popup shows the active tab.
        await (await pageOf(s, url)).bringToFront();
        await stopServiceWorker(s, monitor);
        await sleep(500);
        expect(await monitor.status(), 'the worker stays stopped until the popup opens').toBe('STOPPED');

        // The toolbar button, as the reader clicks it: the popup's message starts the worker again.
        const popup = await openPopup(s, { ...tab, url }, { via: 'action' });
        try {
          const dom = await readPopup(popup.cdp, STORY_SHOWN);
          expect(dom.alert).toBeNull();
          expect(dom.title).toBe(STORY_TITLE);
          expect(readingLine(dom)).toBe('You are reading: BBC (source 6)');
          expect(await monitor.status()).toBe('RUNNING');
        } finally {
          await popup.close();
        }
      } finally {
        await monitor.close();
      }
      const worker = await waitForWorker(s);
      expect(await worker.evaluate(() => (globalThis as { e2eMark?: boolean }).e2eMark ?? null), 'a fresh worker').toBeNull();
      expect(await readBadge(s, tab)).toMatchObject({ text: expectedBadgeText(REFERENCE_STORY) });
    } finally {
      await closeTab(s, tab);
    }
  });

  it('no console noise: no errors from the popups or the service worker, across its restart', () => {
    suite.session();
    if (!watch) throw new Error('the console watch did not start');
    expect(watch.targets.some((u) => u.endsWith('/src/popup/index.html'))).toBe(true);
    expect(watch.errors()).toEqual([]);
  });

  // Last: it grows this browser's library.

  it('leaves an unrelated CNN article unmatched once the library also holds the 35 Kagi dev stories', async () => {
    const s = suite.session();
    if (!existsSync(KAGI_STORIES)) throw new Error(`e2e precondition failed: ${KAGI_STORIES} is missing (the shared dev data)`);
    const options = await openOptionsPage(s);
    try {
      const imported = await sendFromPage<{ added: number }>(options, 'library.import', { name: 'kagi-dev-stories.json', text: readFileSync(KAGI_STORIES, 'utf8') });
      expect(imported).toMatchObject({ ok: true, value: { added: 35 } });
    } finally {
      await options.close();
    }
    // The reference story's own articles still match.
    const { tab: bbc, reading } = await matchedTab(s, 'bbcArticle');
    await closeTab(s, bbc);
    expect(reading).toBe('You are reading: BBC (source 6)');

    const url = pageUrl('cnnUnrelated');
    const tab = await openTab(s, url);
    try {
      suite.expectServed('cnnUnrelated');
      await expectNoBadge(s, tab, url);
    } finally {
      await closeTab(s, tab);
    }
  });
});
