/**
 * Follow this story, end to end in Chromium: on the BBC article of the built-in story the reader
 * follows it from the popup (keyboard), imports a later version of it from the options page (two more
 * articles, one more timeline entry), the button's global badge and tooltip say what changed (the
 * options tab, which has no story of its own, shows it), the popup on the story shows "New since you
 * last looked" with the new items marked (screenshots light and dark), and after that look the badge
 * is clear and the popup shows nothing new.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { REFERENCE_STORY, waitForStoryBadge } from './badge';
import { cdpPress, closeTab, openOptionsPage, openPopup, openTab, watchConsole, type ChromeSession, type ConsoleWatch, type Popup, type Tab } from './chromium';
import { artifactPath, poll, ROOT } from './env';
import { chromiumSuite } from './harness';
import { readPopup, screenshot, STORY_SHOWN } from './popup-dom';
import { pageUrl } from './server';

const REFERENCE_FILE = join(ROOT, 'data/ukraine-ceasefire-2026-02.txt');
const reference = importBytes(readFileSync(REFERENCE_FILE), REFERENCE_FILE)[0]!;

/** The built-in story a day later: two more articles and one more timeline entry, same id. */
const later: Story = {
  ...reference,
  articles: [
    ...reference.articles,
    { outlet: 'Example News', title: 'A later report on the story, part one', url: 'https://www.example.org/later-report-1', domain: 'example.org' },
    { outlet: 'Example News', title: 'A later report on the story, part two', url: 'https://www.example.org/later-report-2', domain: 'example.org' },
  ],
  articleCount: reference.articleCount + 2,
  timeline: [...reference.timeline, { date: '2026-02-05', precision: 'day', text: 'Officials met again to review the week.', citations: [] }],
};

/** The button's global state (what a tab without a story of its own shows), read in the worker. */
const globalBadge = (s: ChromeSession) => s.worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
/** The badge of the extension page's own tab (no tab-specific badge: the global one). */
const tabBadge = (s: ChromeSession, url: string) =>
  s.worker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    return { text: await chrome.action.getBadgeText({ tabId: tab!.id }), title: await chrome.action.getTitle({ tabId: tab!.id }) };
  }, url);

interface FollowDom {
  button: { text: string; pressed: string | null; disabled: boolean; tag: string; tabIndex: number } | null;
  heading: string | null;
  summary: string | null;
  marked: string[];
}
const FOLLOW_READY = `document.querySelector('.follow-button:not([disabled])')`;
const readFollow = (p: Popup) =>
  p.cdp.evaluate<FollowDom>(`(() => {
    const b = document.querySelector('.follow-button');
    const news = document.querySelector('.follow-news');
    return {
      button: b && { text: b.textContent, pressed: b.getAttribute('aria-pressed'), disabled: b.disabled, tag: b.tagName, tabIndex: b.tabIndex },
      heading: news?.querySelector('h2')?.textContent ?? null,
      summary: news?.querySelector('p')?.textContent ?? null,
      marked: news ? [...news.querySelectorAll('li')].filter((li) => li.querySelector('.new-mark')).map((li) => li.textContent.replace(/\\s+/g, ' ').trim()) : [],
    };
  })()`);

describe('Chromium: follow this story', () => {
  let watch: ConsoleWatch | undefined;
  let bbc: Tab | undefined;
  let options: Page | undefined;
  const suite = chromiumSuite({
    async setUp({ session }) {
      watch = await watchConsole(session());
    },
  });

  async function popupOnStory(s: ChromeSession): Promise<Popup> {
    const popup = await openPopup(s, bbc!);
    await readPopup(popup.cdp, `${STORY_SHOWN} && ${FOLLOW_READY}`);
    return popup;
  }

  it('the popup on the story: "Follow this story", a button reached by keyboard; Enter follows it (aria-pressed, "Unfollow")', async () => {
    const s = suite.session();
    bbc = await openTab(s, pageUrl('bbcArticle'));
    await waitForStoryBadge(s, bbc, REFERENCE_STORY, 'the BBC article');
    const popup = await popupOnStory(s);
    try {
      expect((await readFollow(popup)).button).toEqual({ text: 'Follow this story', pressed: 'false', disabled: false, tag: 'BUTTON', tabIndex: 0 });
      // Reached with Tab from the top of the popup, pressed with Enter.
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await cdpPress(popup.cdp, 'Tab');
        reached = await popup.cdp.evaluate<boolean>(`document.activeElement?.classList.contains('follow-button') ?? false`);
      }
      expect(reached).toBe(true);
      await cdpPress(popup.cdp, 'Enter');
      await poll(() => readFollow(popup), (d) => d.button?.pressed === 'true', 'the story to be followed');
      expect((await readFollow(popup)).button?.text).toBe('Unfollow');
      expect((await readFollow(popup)).heading).toBeNull();
    } finally {
      await popup.close();
    }
    expect((await globalBadge(s)).text).toBe('');
  });

  it('a later version imported from the options page: the global badge and tooltip say what changed', async () => {
    const s = suite.session();
    options = await openOptionsPage(s);
    await options.locator('input[type=file]').setInputFiles({ name: 'later.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([later])) });
    await options.locator('.preview').getByRole('button', { name: 'Import', exact: true }).click();
    await options.locator('.message.ok', { hasText: 'Imported 0 new stories and 1 update.' }).waitFor();
    const badge = await poll(() => globalBadge(s), (b) => b.text !== '', 'the global badge to show the followed story’s news');
    expect(badge.text).toBe('+3');
    expect(badge.title).toBe(`Storylens\nNew in stories you follow (open Storylens on the story to see it):\n${later.title}: 2 new articles, 1 new timeline entry`);
    // The options tab has no story of its own: it shows the global state.
    expect(await tabBadge(s, options.url())).toEqual(badge);
  });

  it('the popup on the story shows what is new since the reader last looked, marked; then it is seen and the badge clears', async () => {
    const s = suite.session();
    const popup = await popupOnStory(s);
    try {
      await poll(() => readFollow(popup), (d) => d.heading !== null, 'the "new since you last looked" section');
      const dom = await readFollow(popup);
      expect(dom.heading).toBe('New since you last looked');
      // The day the reader followed it is the day they last looked.
      expect(dom.summary).toMatch(/^2 new articles, 1 new timeline entry · you last looked on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      expect(dom.marked).toHaveLength(3);
      expect(dom.marked[0]).toMatch(/^New article A later report on the story, part one/);
      expect(dom.marked[1]).toMatch(/^New article A later report on the story, part two/);
      expect(dom.marked[2]).toBe('New in the timeline Feb 5, 2026 Officials met again to review the week.');
      // The button and the news under the popup's sticky search box.
      await popup.cdp.evaluate(`scrollBy(0, document.querySelector('.follow').getBoundingClientRect().top - 80)`);
      await screenshot(popup.cdp, 'chrome-popup-follow-new-light.png');
      await popup.cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
      await poll(() => popup.cdp.evaluate<boolean>(`matchMedia('(prefers-color-scheme: dark)').matches`), (m) => m, 'prefers-color-scheme: dark');
      await screenshot(popup.cdp, 'chrome-popup-follow-new-dark.png');
      // Looked at: the button's news is gone.
      expect(await poll(() => globalBadge(s), (b) => b.text === '', 'the global badge to clear')).toEqual({ text: '', title: 'Storylens' });
    } finally {
      await popup.close();
    }
    const again = await popupOnStory(s);
    try {
      const dom = await readFollow(again);
      expect(dom.button).toMatchObject({ text: 'Unfollow', pressed: 'true' });
      expect(dom.heading).toBeNull();
    } finally {
      await again.close();
    }
  });

  it('the options page: notifications about followed stories are off until turned on (the permission is asked then)', async () => {
    const s = suite.session();
    const page = options ?? (options = await openOptionsPage(s));
    await page.reload();
    const section = page.locator('section', { has: page.locator('#notifications-h') });
    const box = section.getByRole('checkbox', { name: 'Also show a notification when a followed story changes' });
    await page.waitForFunction(() => !document.querySelector('#notifications-h')?.closest('section')?.querySelector('input')?.disabled);
    expect(await box.isChecked()).toBe(false);
    // Not granted at install: turning notifications on is where it is asked.
    expect(await s.worker.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] }))).toBe(false);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: artifactPath(`chrome-options-follow-notifications-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('a notification’s address (the popup page with #story=ID, router.openFollowed) shows that story, followed', async () => {
    const s = suite.session();
    const page = await s.context.newPage();
    try {
      await page.goto(`chrome-extension://${s.extensionId}/src/popup/index.html#story=${encodeURIComponent(reference.id)}`);
      await page.locator('main.story h1').filter({ hasText: reference.title }).waitFor();
      expect(await page.locator('button.back').count()).toBe(1);
      await page.locator('.follow-button[aria-pressed="true"]').waitFor();
    } finally {
      await page.close();
    }
  });

  it('no console noise from the popup, the options page or the worker', async () => {
    suite.session();
    if (bbc) await closeTab(suite.session(), bbc);
    await options?.close();
    expect(watch?.errors()).toEqual([]);
  });
});
