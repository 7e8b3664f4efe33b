/**
 * End to end in Chromium, with the real build (dist/chrome, built by `npm run build:chrome` before
 * the e2e run): fixture news pages served over https under their real host names, the content
 * script, the service worker's badge, and the real toolbar popup.
 */
import { describe, expect, it } from 'vitest';
import { badgeText, closeTab, openPopup, openTab, waitForContentScript, type ChromeSession, type Tab } from './chromium';
import { REFERENCE_STORY, waitForStoryBadge } from './badge';
import { chromiumSuite } from './harness';
import { sleep } from './env';
import { readPopup, screenshot, STORY_SHOWN, STORY_TITLE, TIMELINE_DATES, type PopupDom } from './popup-dom';
import { pageUrl, type PageName } from './server';

/** The popup shows the whole built-in story: title, summary, the 12 dated timeline entries in order, sources. */
function expectBuiltInStory(dom: PopupDom): void {
  expect(dom.alert).toBeNull();
  expect(dom.title).toBe(STORY_TITLE);
  expect(dom.hasSummary).toBe(true);
  expect(dom.timeline.map((e) => e.text)).toEqual(TIMELINE_DATES);
  const datetimes = dom.timeline.map((e) => e.datetime ?? '');
  expect(datetimes.every(Boolean)).toBe(true);
  expect([...datetimes].sort()).toEqual(datetimes);
  expect(dom.sourcesText).toContain('Trump claims Putin agreed to week‑long pause on Ukrainian attacks amid extreme cold');
  expect(dom.sourcesText).toContain('Russia Resumes Massive Night Strikes on Ukrainian Cities, Ending US‑Backed Pause');
}

describe('Chromium: the real extension build (dist/chrome)', () => {
  const suite = chromiumSuite();
  const current = () => suite.session();
  const expectServed = (name: PageName) => suite.expectServed(name);

  it('loads the extension: its MV3 service worker runs', async () => {
    const s = current();
    expect(s.extensionId).toMatch(/^[a-p]{32}$/);
    expect(s.worker.url()).toBe(`chrome-extension://${s.extensionId}/service-worker-loader.js`);
    const manifest = await s.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts?.[0]?.matches).toEqual(expect.arrayContaining(['https://*.bbc.com/*', 'https://*.cnn.com/*']));
  });

  it('badges the BBC article (source 6), and the real popup says "You are reading: BBC (source 6)" above the story', async () => {
    const s = current();
    const tab = await openTab(s, pageUrl('bbcArticle'));
    try {
      expectServed('bbcArticle');
      await waitForStoryBadge(s, tab, REFERENCE_STORY, 'the BBC tab');
      const popup = await openPopup(s, tab);
      try {
        const dom = await readPopup(popup.cdp, STORY_SHOWN);
        await screenshot(popup.cdp, 'chrome-popup-matched.png');
        expect(dom.text).toContain('You are reading: BBC (source 6)');
        expect(dom.reading?.replace(/\s+/g, ' ').trim()).toBe('You are reading: BBC (source 6)');
        expectBuiltInStory(dom);
        expect(dom.timeline[0]?.text).toBe('Mar 2022');
        expect(dom.timeline.filter((e) => e.datetime?.startsWith('2026-01-29')).map((e) => e.text)).toEqual(['Jan 29, 2026', 'Jan 29, 2026']);
      } finally {
        await popup.close();
      }
    } finally {
      await closeTab(s, tab);
    }
  });

  it('badges the CNN article whose headline has an ASCII hyphen where the story has U+2011 (source 2)', async () => {
    const s = current();
    const tab = await openTab(s, pageUrl('cnnArticle'));
    try {
      expectServed('cnnArticle');
      await waitForStoryBadge(s, tab, REFERENCE_STORY, 'the CNN article tab');
      const popup = await openPopup(s, tab);
      try {
        const dom = await readPopup(popup.cdp, STORY_SHOWN);
        expect(dom.reading?.replace(/\s+/g, ' ').trim()).toBe('You are reading: CNN (source 2)');
      } finally {
        await popup.close();
      }
    } finally {
      await closeTab(s, tab);
    }
  });

  /** The content script ran in the tab, yet the badge stays empty for a while. */
  async function expectNoBadge(s: ChromeSession, tab: Tab, url: string): Promise<void> {
    await waitForContentScript(s, url);
    for (let i = 0; i < 6; i++) {
      expect(await badgeText(s, tab), `badge text of ${url}`).toBe('');
      await sleep(200);
    }
  }

  it('does not badge the CNN home page (not an article)', async () => {
    const s = current();
    const url = pageUrl('cnnHome');
    const tab = await openTab(s, url);
    try {
      expectServed('cnnHome');
      await expectNoBadge(s, tab, url);
    } finally {
      await closeTab(s, tab);
    }
  });

  it('does not badge an unrelated CNN article; the popup there offers the built-in story without "You are reading"', async () => {
    const s = current();
    const url = pageUrl('cnnUnrelated');
    const tab = await openTab(s, url);
    try {
      expectServed('cnnUnrelated');
      await expectNoBadge(s, tab, url);
      const popup = await openPopup(s, tab);
      try {
        // The popup offers the built-in story: shown in full, or listed for the reader to open.
        const dom = await readPopup(popup.cdp, `${STORY_SHOWN} || document.body.innerText.includes(${JSON.stringify(STORY_TITLE)})`);
        await screenshot(popup.cdp, 'chrome-popup-unmatched.png');
        expect(dom.alert).toBeNull();
        expect(dom.reading).toBeNull();
        expect(dom.text).not.toContain('You are reading');
        expect(dom.text).toContain(STORY_TITLE);
        if (dom.timeline.length > 0) expectBuiltInStory(dom);
      } finally {
        await popup.close();
      }
    } finally {
      await closeTab(s, tab);
    }
  });
});
