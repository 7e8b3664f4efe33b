/**
 * The popup and the options page in Firefox ESR (WebDriver BiDi, puppeteer-core), light and dark:
 * the e2e Firefox build opens them as tabs of its own (a test cannot navigate to moz-extension:
 * addresses over BiDi; see src/background/e2e-pages.ts). The popup page opens beside the BBC
 * article, which stays the window's active tab, so it shows that tab's story as the toolbar popup does.
 * Checked: computed text sizes, the coverage strip's outlets and counts, the disputes and the key
 * timeline step above the fold at the popup's size; screenshots at 480 and 360 px in artifacts/e2e/.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_STORY } from './badge';
import { artifactPath, copyExtension, FIREFOX, FIREFOX_E2E_DIST, poll, removeDir, requireExtension, requireFile } from './env';
import { GECKO_ID, launchFirefox, openExtensionPage, VERDICT_ATTRIBUTE } from './firefox';
import { STORY_TITLE } from './popup-dom';
import { pageUrl, startFixtureServer, type FixtureServer } from './server';

/** The toolbar popup's size in Chromium and Firefox (popup.css caps its height at 600 px). */
const POPUP = { width: 480, height: 600 };
const NARROW = { width: 360, height: 640 };

for (const scheme of ['light', 'dark'] as const) {
  describe(`Firefox (${scheme}): the popup and the options page as extension pages`, () => {
    let server: FixtureServer | undefined;
    let browser: Browser | undefined;
    let article: Page | undefined;
    let extensionDir: string | undefined;
    /** Set when beforeAll could not get ready: every test then fails with it (a failed hook would only skip them). */
    let setupError: unknown;
    const current = () => {
      if (setupError !== undefined) throw setupError;
      if (!browser || !article) throw new Error('Firefox did not start');
      return { browser, article };
    };

    beforeAll(async () => {
      try {
        requireFile(FIREFOX, 'Install Firefox ESR: apt-get install firefox-esr');
        requireExtension(FIREFOX_E2E_DIST, 'It is built by test/e2e/global-setup.ts: run the e2e tests with `npm run test:e2e`');
        server = await startFixtureServer();
        extensionDir = copyExtension(FIREFOX_E2E_DIST);
        browser = await launchFirefox({ scheme });
        expect(await browser.installExtension(extensionDir)).toBe(GECKO_ID);
        article = await browser.newPage();
        const page = article;
        await page.goto(pageUrl('bbcArticle', server.port), { waitUntil: 'load' });
        const raw = await poll(() => page.evaluate((name) => document.documentElement.getAttribute(name), VERDICT_ATTRIBUTE), (v) => v !== null, 'the BBC article matched');
        expect(JSON.parse(raw!)).toMatchObject({ ok: true, value: { matched: true, source: 6 } });
      } catch (e) {
        setupError = e;
      }
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      removeDir(extensionDir);
    });

    it('popup: the BBC tab’s story, body text ≥ 14 px, the coverage strip with its counts, the disputes and the key step above the fold; screenshots at 480 and 360 px', async () => {
      const { browser: b, article: a } = current();
      const popup = await openExtensionPage(b, a, 'popup');
      try {
        await popup.setViewport(POPUP);
        // The view is asked while the article is the active tab (the popup page opened behind it);
        // then the page comes to the front, where it renders the sections below the first screen.
        await poll(() => popup.evaluate(() => !!document.querySelector('main.story .reading') || !!document.querySelector('[role="alert"]')), (v) => v, 'the popup to show the story');
        await popup.bringToFront();
        await poll(() => popup.evaluate(() => document.querySelector('main.story')?.getAttribute('aria-busy')), (v) => v === 'false', 'every section of the story');
        expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        const shown = await popup.evaluate(() => {
          const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
          return {
            title: document.querySelector('main.story h1')?.textContent ?? '',
            reading: document.querySelector('.reading')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
            body: px(document.body),
            summary: px(document.querySelector('#summary .section p')),
            h1: px(document.querySelector('main.story h1')),
            strip: [...document.querySelectorAll('.coverage-outlets > li[data-reports]')].map((li) => ({
              name: li.querySelector('.name')?.textContent ?? '',
              count: li.querySelector('.count')?.textContent ?? '',
              own: li.classList.contains('own'),
            })),
            height: innerHeight,
            questions: [...document.querySelectorAll('section.disputes details.dispute summary')].map((s) => s.getBoundingClientRect().bottom),
            step: document.querySelector('.key-step')?.getBoundingClientRect().top ?? NaN,
            scrollWidth: document.documentElement.scrollWidth,
          };
        });
        expect(shown.title).toBe(STORY_TITLE);
        expect(shown.reading).toBe('You are reading: BBC (source 6)');
        expect(shown.body).toBeGreaterThanOrEqual(14);
        expect(shown.summary).toBeGreaterThanOrEqual(14);
        expect(shown.h1).toBeGreaterThan(shown.body);
        expect(shown.strip).toEqual([
          { name: 'CNN', count: '3', own: false },
          { name: 'Newsweek', count: '3', own: false },
          { name: 'BBC', count: '2', own: true },
          { name: 'AP', count: '1', own: false },
        ]);
        expect(shown.questions).toHaveLength(REFERENCE_STORY.disputes);
        for (const bottom of shown.questions) expect(bottom).toBeLessThanOrEqual(shown.height);
        expect(shown.step).toBeLessThan(shown.height);
        expect(shown.scrollWidth).toBeLessThanOrEqual(POPUP.width);
        await popup.screenshot({ path: artifactPath(`firefox-popup-matched-${scheme}.png`) });

        await popup.setViewport(NARROW);
        const narrow = await popup.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth, body: parseFloat(getComputedStyle(document.body).fontSize) }));
        expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.width);
        expect(narrow.body).toBeGreaterThanOrEqual(14);
        await popup.screenshot({ path: artifactPath(`firefox-popup-matched-360px-${scheme}.png`) });
      } finally {
        await popup.close();
      }
    });

    it('options page: opens as an extension page with the library listed; screenshots at 800 and 360 px', async () => {
      const { browser: b, article: a } = current();
      const options = await openExtensionPage(b, a, 'options');
      try {
        await options.bringToFront();
        await options.setViewport({ width: 800, height: 900 });
        await options.waitForSelector('table tbody tr', { timeout: 15_000 });
        expect(await options.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        const body = await options.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        expect(body).toBeGreaterThanOrEqual(14);
        await options.screenshot({ path: artifactPath(`firefox-options-${scheme}.png`), fullPage: true });
        await options.setViewport(NARROW);
        await options.screenshot({ path: artifactPath(`firefox-options-360px-${scheme}.png`), fullPage: true });
      } finally {
        await options.close();
      }
    });
  });
}
