/**
 * Kagi News, end to end in Chromium. The fixture server stands in for https://kite.kagi.com/ (the
 * release build's only Kagi address; the host-resolver rules send it to the server) with kite.json
 * and category files built from the dev Kagi stories over two "days" (test/support/kagi-editions.ts).
 * The reader has imported a story under the id of a World story; then, from the options page: nothing
 * is fetched before opting in; opting in (the host permission granted at install, so the request
 * answers at once) syncs World; a second category is picked by keyboard and synced; the stories are
 * listed; an article a World story lists, on www.reuters.com, gets the badge and the popup there says
 * the reader is reading Reuters; the popup shows a Kagi story with Kagi's attribution; day 2 updates a story in place (same id,
 * more articles) and keeps the one no longer listed; the reader's story is never taken over.
 * Screenshots of the section at 420 px, light and dark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KAGI_ATTRIBUTION } from '../../src/core/feeds/kagi-attribution';
import type { Story } from '../../src/core/story/model';
import type { LibraryEntry } from '../../src/messages';
import { storyOnDay, type RawStory } from '../support/kagi-editions';
import { badgeText, cdpPress, cdpType, closeTab, openOptionsPage, openPopup, openTab, sendFromPage, watchConsole, type ConsoleWatch, type Tab } from './chromium';
import { artifactPath, poll } from './env';
import { chromiumSuite } from './harness';
import { COLLIDING, day1, day2, DELISTED, expectEditionsToHoldTheCases, idOf, KAGI_HOST, MINE, originOf, PICKED, raws, RETITLED, WORLD } from './kagi-editions-e2e';
import { readingLine, readPopup, STORY_COMPLETE, STORY_SHOWN } from './popup-dom';
import { pageUrl } from './server';

const categoryOf = (i: number) => [...day1.categories].find(([, ids]) => ids.includes(i))?.[0] as string;

/** A World story's article on www.reuters.com (a host the fixture server and the content script serve). */
const LISTED_ARTICLE = WORLD.filter((i) => i !== COLLIDING)
  .flatMap((i) => ((raws[i] as RawStory).articles ?? []).map((a) => ({ i, link: a.link ?? '', title: a.title })))
  .find((a) => a.link.startsWith('https://www.reuters.com/'));
const escapeHtml = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
/** The article as its outlet would publish it: its headline, address and article type. */
const articlePage = (title: string, link: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | Reuters</title>
<link rel="canonical" href="${escapeHtml(link)}"><meta property="og:type" content="article"><meta property="og:title" content="${escapeHtml(title)}"><meta property="og:site_name" content="Reuters">
</head><body><article><h1>${escapeHtml(title)}</h1><p>${'The report continues with the details of the event. '.repeat(12)}</p></article></body></html>`;

const kagiRequests = (paths: string[]) => paths.filter((r) => r.startsWith(`${KAGI_HOST} `));

describe('Chromium: Kagi News from the options page', () => {
  let watch: ConsoleWatch | undefined;
  let options: Page | undefined;
  let tab: Tab | undefined;
  const suite = chromiumSuite({
    grantHosts: [`https://${KAGI_HOST}/*`],
    async setUp({ session, server }) {
      watch = await watchConsole(session());
      server().publish(KAGI_HOST, day1.files);
    },
  });
  const section = (page: Page) => page.locator('section', { has: page.locator('#kagi-h') });
  const entries = async (page: Page) => {
    const r = await sendFromPage<LibraryEntry[]>(page, 'library.entries', {});
    if (!r.ok) throw new Error(r.error);
    return new Map(r.value.map((e) => [e.id, e]));
  };
  const story = async (page: Page, id: string) => {
    const r = await sendFromPage<{ story: Story } | null>(page, 'story.get', { id });
    if (!r.ok) throw new Error(r.error);
    return r.value?.story;
  };
  /** The status line of one category in "Your categories". */
  const statusOf = (page: Page, name: string) => section(page).locator('.kagi-status li', { has: page.locator('.kagi-name', { hasText: new RegExp(`^${name}$`) }) });

  it('the preconditions: a category with a retitled and a delisted story, and a World story to collide with', expectEditionsToHoldTheCases);

  it('off until the reader opts in: nothing is fetched from Kagi before', async () => {
    const s = suite.session();
    options = await openOptionsPage(s, { width: 420, height: 900 });
    expect(await sendFromPage(options, 'library.import', { name: 'mine.json', text: JSON.stringify([MINE]) })).toMatchObject({ ok: true });
    const box = section(options).getByRole('checkbox', { name: 'Keep Kagi News stories in my library' });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    // The attribution shows before anything is fetched.
    const links = await section(options).locator('.kagi-attribution a').evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]));
    expect(links).toEqual([
      [KAGI_ATTRIBUTION.source, KAGI_ATTRIBUTION.url],
      [KAGI_ATTRIBUTION.license, KAGI_ATTRIBUTION.licenseUrl],
    ]);
    expect(kagiRequests(suite.server().requests)).toEqual([]);
  });

  it('opting in syncs World; a second category picked by keyboard syncs with "Sync now"', async () => {
    const page = options!;
    // Clicked, not check(): the box shows the stored choice, which changes once the background answers.
    await section(page).getByRole('checkbox', { name: 'Keep Kagi News stories in my library' }).click();
    await statusOf(page, 'World').filter({ hasText: `${WORLD.length} stories · synced` }).waitFor();
    expect(kagiRequests(suite.server().requests)).toContain(`${KAGI_HOST} /kite.json`);

    // By keyboard: the filter box, then Tab to the category's checkbox, Space to choose it.
    await page.locator('#kagi-filter').focus();
    await page.keyboard.type(PICKED);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.closest('label')?.textContent?.trim())).toBe(PICKED);
    await page.keyboard.press('Space');
    await statusOf(page, PICKED).filter({ hasText: 'not synced yet' }).waitFor();
    await section(page).getByRole('button', { name: 'Sync now' }).click();
    await statusOf(page, PICKED).filter({ hasText: `${day1.categories.get(PICKED)?.length} stories · synced` }).waitFor();

    const all = await entries(page);
    for (const i of [...WORLD, ...(day1.categories.get(PICKED) ?? [])]) if (i !== COLLIDING) expect(all.get(idOf(i))?.origin).toBe(originOf(categoryOf(i)));
    // The reader's story keeps its id, its title and its origin; Kagi's is kept beside it.
    expect(all.get(idOf(COLLIDING))).toMatchObject({ title: MINE.title, origin: 'import' });
    expect([...all.values()].some((e) => e.id !== idOf(COLLIDING) && e.title === raws[COLLIDING]?.title)).toBe(true);
    // The Library table lists them, by category name.
    await page.locator('td', { hasText: `Kagi News: ${PICKED.toLowerCase()}` }).first().waitFor();
  });

  it('an article a Kagi story lists (on www.reuters.com) gets the badge, and the popup says "You are reading: Reuters"', async () => {
    expect(LISTED_ARTICLE).toBeDefined();
    const { i, link, title } = LISTED_ARTICLE!;
    const url = new URL(link);
    suite.server().publishPage(url.hostname, url.pathname, articlePage(title, link));
    const s = suite.session();
    const reader = await openTab(s, link);
    try {
      expect(await poll(() => badgeText(s, reader), (b) => b !== '', 'a badge on the Reuters article')).not.toBe('');
      const popup = await openPopup(s, reader);
      try {
        const dom = await readPopup(popup.cdp, STORY_SHOWN);
        expect(dom.title).toBe((raws[i] as RawStory).title);
        expect(readingLine(dom)).toMatch(/^You are reading: Reuters\b/);
      } finally {
        await popup.close();
      }
    } finally {
      await closeTab(s, reader);
    }
  });

  it('the popup shows a Kagi story with its attribution', async () => {
    const s = suite.session();
    tab = await openTab(s, pageUrl('bbcArticle'));
    const popup = await openPopup(s, tab);
    try {
      await readPopup(popup.cdp, STORY_SHOWN);
      const title = (raws[RETITLED] as RawStory).title;
      await cdpType(popup.cdp, title);
      await poll(() => popup.cdp.evaluate<string[]>(`[...document.querySelectorAll('#lookup-results [role="option"] .result-title')].map((t) => t.textContent)`), (r) => r[0] === title, 'the Kagi story in the lookup');
      await cdpPress(popup.cdp, 'Enter');
      const dom = await readPopup(popup.cdp, `document.querySelector('button.back') && ${STORY_COMPLETE}`);
      expect(dom.title).toBe(title);
      const attribution = await popup.cdp.evaluate<{ text: string; links: string[] }>(`(() => { const p = document.querySelector('main.story header .attribution'); return { text: p?.textContent ?? '', links: [...(p?.querySelectorAll('a') ?? [])].map((a) => a.href) }; })()`);
      expect(attribution.text).toMatch(/^Stories: Kagi News/);
      expect(attribution.links).toEqual([KAGI_ATTRIBUTION.url, KAGI_ATTRIBUTION.licenseUrl]);
    } finally {
      await popup.close();
    }
  });

  it('day 2 updates a story in place (same id, more articles) and keeps the one no longer listed; the reader’s story is not taken over', async () => {
    const page = options!;
    const retitledId = idOf(RETITLED);
    const before = await story(page, retitledId);
    expect(before?.title).toBe((raws[RETITLED] as RawStory).title);
    suite.server().publish(KAGI_HOST, day2.files);
    const synced = suite.server().requests.length;
    await section(page).getByRole('button', { name: 'Sync now' }).click();
    await poll(async () => kagiRequests(suite.server().requests.slice(synced)).length, (n) => n >= 3, 'day 2 to be fetched');
    const after = await poll(() => story(page, retitledId), (s) => s?.title !== before?.title, 'the retitled story to be updated in place');
    expect(after?.title).toBe((storyOnDay(raws[RETITLED] as RawStory, RETITLED, 2) as RawStory).title);
    expect(after!.articles.length).toBeGreaterThan(before!.articles.length);
    const all = await entries(page);
    // No longer listed: kept for the retention period.
    expect(all.get(idOf(DELISTED))?.origin).toBe('unlisted');
    expect(all.get(idOf(COLLIDING))).toMatchObject({ title: MINE.title, origin: 'import' });
    expect((await story(page, idOf(COLLIDING)))?.summary[0]?.text).toBe('Written by the reader.');
  });

  it('the section at 420 px, light and dark: no horizontal scroll; screenshots', async () => {
    const page = options!;
    await page.reload();
    await statusOf(page, PICKED).waitFor();
    await page.locator('.kagi-choices').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section(page).screenshot({ path: artifactPath(`chrome-options-kagi-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('no console noise from the pages or the worker', async () => {
    const s = suite.session();
    if (tab) await closeTab(s, tab);
    await options?.close();
    expect(watch?.errors()).toEqual([]);
  });
});
