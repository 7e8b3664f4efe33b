/**
 * The library, end to end in Chromium, against the local feed server (test/support/feed-server.ts,
 * plain http on 127.0.0.1, which the feed rules allow): subscribe from the options page, sync, the
 * feed's story matches its article on a real outlet domain; a broken update keeps the previous
 * stories and shows the error; export → import → export is stable; a hostile feed's markup stays text.
 *
 * Permission: subscribing calls permissions.request for the feed's origin. Its dialog cannot be
 * answered in headless Chromium, so http://127.0.0.1/* (one of the manifest's optional host
 * permissions) is granted at install in this suite's copy of the build (chromium.grantOptionalHosts);
 * the options page's request then resolves true without a dialog and the real subscribe flow runs.
 * (Without the permission, the service worker's fetch to the feed server fails: its routes send no
 * Access-Control-Allow-Origin.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canonicalStory, HOSTILE_TEXT, ROUTES, startFeedServer, type FeedServer } from '../support/feed-server';
import {
  cdpClick,
  closeTab,
  openOptionsPage,
  openPopup,
  openTab,
  pageOf,
  sendFromPage,
  watchConsole,
  type ChromeSession,
  type ConsoleWatch,
  type Tab,
} from './chromium';
import { badgeStory, waitForStoryBadge } from './badge';
import { importText } from '../../src/core/story/import';
import { artifactPath, poll } from './env';
import { chromiumSuite } from './harness';
import { readingLine, readPopup, screenshot, STORY_COMPLETE, STORY_SHOWN } from './popup-dom';
import { pageUrl } from './server';

const READER_ARTICLE_TITLE = 'Harbour bridge reopens to traffic after two years of repairs';
const FEED_STORY_TITLE = 'Harbour bridge reopens after repairs';

/**
 * The feed's story. Its Reuters article carries the fixture page's headline, under an older URL (the
 * page has since moved), so the page is matched by its headline, not its address.
 */
function feedStory() {
  const base = canonicalStory('feed-harbour-bridge', FEED_STORY_TITLE, 'The harbour bridge reopened to traffic on Friday after two years of repairs.');
  const sources = [
    { n: 1, outlet: 'Reuters', title: READER_ARTICLE_TITLE, description: '', url: 'https://www.reuters.com/world/harbour-bridge-set-reopen-2026-01-29/', domain: 'reuters.com' },
    { n: 2, outlet: 'BBC', title: 'Harbour bridge back open as repairs finish early', description: '', url: 'https://www.bbc.com/news/articles/harbour-bridge-open', domain: 'bbc.com' },
  ];
  return {
    ...base,
    updated: '2026-01-30T14:00:00Z',
    sources,
    timeline: [{ date: '2026-01-30', precision: 'day', text: 'The harbour bridge reopens to traffic.', citations: [1, 2] }],
    articles: sources.map((s) => ({ outlet: s.outlet, title: s.title, url: s.url, domain: s.domain, published: '2026-01-30T10:12:00Z' })),
  };
}
const FEED = `${JSON.stringify([feedStory()], null, 2)}\n`;
/** The next version of the feed, cut off part-way: invalid JSON. */
const BROKEN = FEED.slice(0, Math.floor(FEED.length * 0.6));

interface OptionsView {
  message: string | null;
  rows: { title: string; from: string }[];
  feeds: { url: string; status: string; error: string | null }[];
}

const readOptions = (page: Page): Promise<OptionsView> =>
  page.evaluate(() => ({
    message: document.querySelector('.message')?.textContent ?? null,
    rows: [...document.querySelectorAll('tbody tr')].map((tr) => ({ title: tr.children[0]?.textContent ?? '', from: tr.children[2]?.textContent ?? '' })),
    feeds: [...document.querySelectorAll('ul.feeds > li')].map((li) => ({
      url: li.querySelector('.feed-url')?.textContent ?? '',
      status: li.querySelector('.muted')?.textContent ?? '',
      error: li.querySelector('.feed-error')?.textContent ?? null,
    })),
  }));

/** Subscribes through the form, as a reader does: type the address, click Subscribe. */
async function subscribe(page: Page, url: string): Promise<OptionsView> {
  await page.locator('#feed-url').fill(url);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.waitForFunction((u) => [...document.querySelectorAll('.feed-url')].some((e) => e.textContent === u) && !!document.querySelector('.message'), url);
  return readOptions(page);
}

/**
 * Clicks the feed's "Sync now" and waits until the sync is done (the feed's lastAttempt moves on),
 * then until the options page shows `done`. (The status line's time has one-second resolution: a
 * sync may leave it unchanged.)
 */
async function syncNow(page: Page, feeds: FeedServer, route: string, done: (view: OptionsView) => boolean): Promise<OptionsView> {
  const url = feeds.url(route);
  const lastAttempt = async () => {
    const r = await sendFromPage<{ url: string; lastAttempt: string | null }[]>(page, 'feeds.list', {});
    if (!r.ok) throw new Error(r.error);
    return r.value.find((f) => f.url === url)?.lastAttempt ?? null;
  };
  const before = await lastAttempt();
  const asked = feeds.stats(route).requests;
  const item = page.locator('ul.feeds > li', { has: page.locator('.feed-url', { hasText: url }) });
  await item.getByRole('button', { name: 'Sync now' }).click();
  await poll(async () => feeds.stats(route).requests, (n) => n > asked, `Sync now to fetch ${url}`);
  await poll(lastAttempt, (at) => at !== before, `the sync of ${url} to finish`);
  return poll(() => readOptions(page), done, `the options page to show the sync of ${url}`);
}

/** Markup from feed text never becomes elements: what an injection would have created. */
const INJECTED = `(() => {
  const root = document.getElementById('app');
  return {
    scripts: root.querySelectorAll('script').length,
    images: root.querySelectorAll('img').length,
    frames: root.querySelectorAll('iframe, object, embed').length,
    handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    // Links to the popup's own sections (#summary) are the only ones not to a website.
    jsLinks: [...root.querySelectorAll('a[href]')].filter((a) => !/^(https?:|#[\\w-]+$)/i.test(a.getAttribute('href'))).length,
    text: root.innerText,
  };
})()`;
interface Injected {
  scripts: number;
  images: number;
  frames: number;
  handlers: number;
  jsLinks: number;
  text: string;
}

describe('Chromium: the library, with a local feed server', () => {
  let feeds: FeedServer | undefined;
  let watch: ConsoleWatch | undefined;
  let options: Page | undefined;
  const suite = chromiumSuite({
    grantHosts: ['http://127.0.0.1/*'],
    async setUp({ session }) {
      feeds = await startFeedServer();
      feeds.publish(FEED);
      watch = await watchConsole(session());
    },
    async tearDown() {
      await feeds?.close();
    },
  });
  const ready = async (): Promise<{ s: ChromeSession; feeds: FeedServer; options: Page }> => {
    const s = suite.session();
    if (!feeds) throw new Error('the feed server did not start');
    if (!options || options.isClosed()) options = await openOptionsPage(s);
    return { s, feeds, options };
  };

  let reuters: Tab | undefined;
  /** The Reuters article (opened once, reloaded on request): the feed story's badge, and the popup's title and "You are reading" line. */
  async function readerArticle(s: ChromeSession, reload = false): Promise<{ reading: string | null; title: string }> {
    const url = pageUrl('reutersFeedArticle');
    if (!reuters) reuters = await openTab(s, url);
    else if (reload) {
      const page = await pageOf(s, url);
      await page.reload();
      await page.waitForLoadState('load');
    }
    const tab = reuters;
    await waitForStoryBadge(s, tab, badgeStory(importText(FEED, 'feed.json')[0]!), url);
    const popup = await openPopup(s, tab);
    try {
      const dom = await readPopup(popup.cdp, STORY_SHOWN);
      return { reading: readingLine(dom), title: dom.title };
    } finally {
      await popup.close();
    }
  }

  it('subscribes from the options page (permission request, then feeds.add) and lists the feed’s story', async () => {
    const { feeds: f, options: page } = await ready();
    const url = f.url(ROUTES.feed);
    const view = await subscribe(page, url);
    expect(view.message).toBe('Subscribed: 1 story, 0 fact-checks.');
    expect(view.rows).toContainEqual({ title: FEED_STORY_TITLE, from: url });
    expect(view.feeds).toEqual([{ url, status: expect.stringMatching(/^1 story, 0 fact-checks · last sync /), error: null }]);
    expect(f.stats(ROUTES.feed).requests).toBe(1);
  });

  it('syncs, and the article whose headline the feed lists (on www.reuters.com) gets the badge: "You are reading: Reuters (source 1)"', async () => {
    const { s, feeds: f, options: page } = await ready();
    const url = f.url(ROUTES.feed);
    const view = await syncNow(page, f, ROUTES.feed, (v) => v.feeds.some((x) => x.url === url && x.error === null));
    expect(f.stats(ROUTES.feed).requests).toBe(2);
    // Unchanged feed: a conditional request, answered 304.
    expect(f.stats(ROUTES.feed).headers[1]?.['if-none-match']).toBeTruthy();
    expect(view.feeds[0]?.error).toBeNull();
    const { reading, title } = await readerArticle(s);
    suite.expectServed('reutersFeedArticle');
    expect(title).toBe(FEED_STORY_TITLE);
    expect(reading).toBe('You are reading: Reuters (source 1)');
  });

  it('a broken update keeps the previous stories (still listed, still matching) and the options page shows the error', async () => {
    const { s, feeds: f, options: page } = await ready();
    const url = f.url(ROUTES.feed);
    f.publish(BROKEN);
    const view = await syncNow(page, f, ROUTES.feed, (v) => v.feeds.some((x) => x.url === url && x.error !== null));
    expect(f.stats(ROUTES.feed).requests).toBe(3);
    const feed = view.feeds.find((x) => x.url === url);
    expect(feed?.error).toMatch(/^Last attempt failed: .+\. The previous stories are kept\.$/);
    expect(feed?.status).toMatch(/^1 story, 0 fact-checks · last sync /);
    expect(view.rows).toContainEqual({ title: FEED_STORY_TITLE, from: url });
    await page.screenshot({ path: artifactPath('chrome-options-feed-error.png'), fullPage: true });
    // The article, loaded again, still matches.
    const { reading } = await readerArticle(s, true);
    expect(reading).toBe('You are reading: Reuters (source 1)');
  });

  it('export, import that file, export again: the same JSON', async () => {
    const { options: page } = await ready();
    const first = await sendFromPage<{ filename: string; json: string }>(page, 'library.export', {});
    if (!first.ok) throw new Error(first.error);
    expect(first.value.filename).toMatch(/^storylens-library-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(first.value.json) as { format: string; stories: { id: string; title: string }[] };
    expect(exported.format).toBe('storylens-library');
    expect(exported.stories.map((x) => x.title)).toEqual([FEED_STORY_TITLE]);

    const imported = await sendFromPage<{ added: number; replaced: number }>(page, 'library.import', { name: first.value.filename, text: first.value.json });
    expect(imported).toEqual({ ok: true, value: { added: 0, replaced: 1, factChecks: 0 } });
    const second = await sendFromPage<{ json: string }>(page, 'library.export', {});
    if (!second.ok) throw new Error(second.error);
    expect(second.value.json).toBe(first.value.json);
  });

  it('a hostile feed: markup in every story field is shown as text in the options page, never as elements', async () => {
    const { feeds: f, options: page } = await ready();
    const url = f.url(ROUTES.hostileText);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const view = await subscribe(page, url);
    expect(view.message).toBe('Subscribed: 1 story, 0 fact-checks.');
    const row = view.rows.find((r) => r.from === url);
    expect(row?.title).toBe(`Title ${HOSTILE_TEXT}`);
    const injected = await page.evaluate<Injected>(INJECTED);
    expect({ ...injected, text: undefined }).toEqual({ scripts: 0, images: 0, frames: 0, handlers: 0, jsLinks: 0, text: undefined });
    expect(injected.text).toContain('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
  });

  it('a hostile feed with javascript: links is refused whole, and says why', async () => {
    const { feeds: f, options: page } = await ready();
    const url = f.url(ROUTES.hostile);
    const view = await subscribe(page, url);
    expect(view.message).toMatch(/^Subscribed, but the first sync failed: .*url must be an absolute http\(s\) URL/);
    expect(view.rows.filter((r) => r.from === url)).toEqual([]);
    expect(view.feeds.find((x) => x.url === url)?.error).toMatch(/^Last attempt failed: .*url must be an absolute http\(s\) URL/);
    expect((await page.evaluate<Injected>(INJECTED)).jsLinks).toBe(0);
  });

  it('a hostile feed: the popup shows the story’s markup as text, never as elements', async () => {
    const { s } = await ready();
    const tab = await openTab(s, pageUrl('cnnUnrelated'));
    try {
      const popup = await openPopup(s, tab);
      try {
        const dialogs: string[] = [];
        popup.cdp.on('Page.javascriptDialogOpening', (p) => {
          dialogs.push(String(p.message));
          void popup.cdp.send('Page.handleJavaScriptDialog', { accept: false });
        });
        await popup.cdp.send('Page.enable');
        await readPopup(popup.cdp, `document.getElementById('recent-h')`);
        // The no-story view lists recent stories, the hostile one among them (its title as text).
        const recent = await popup.cdp.evaluate<string[]>(`[...document.querySelectorAll('.recent .result-title')].map((e) => e.textContent)`);
        expect(recent).toContain(`Title ${HOSTILE_TEXT}`);
        expect(await popup.cdp.evaluate<Injected>(INJECTED)).toMatchObject({ scripts: 0, images: 0, frames: 0, handlers: 0, jsLinks: 0 });

        await cdpClick(popup.cdp, { js: `[...document.querySelectorAll('.recent button.story-link')].find((b) => b.textContent.startsWith('Title <script>'))` });
        await readPopup(popup.cdp, `document.querySelector('button.back') && ${STORY_COMPLETE}`);
        const story = await popup.cdp.evaluate<Injected & { h1: string }>(`({ ...${INJECTED}, h1: document.querySelector('main.story h1').textContent })`);
        expect(story.h1).toBe(`Title ${HOSTILE_TEXT}`);
        expect(story).toMatchObject({ scripts: 0, images: 0, frames: 0, handlers: 0, jsLinks: 0 });
        expect(story.text).toContain('Sentence <script>alert(1)</script><img src=x onerror=alert(1)>');
        expect(story.text).toContain('Outlet <script>');
        expect(dialogs).toEqual([]);
        await screenshot(popup.cdp, 'chrome-popup-hostile-story.png');
      } finally {
        await popup.close();
      }
    } finally {
      await closeTab(s, tab);
    }
  });

  it('Remove says so beside the library with an Undo that brings the story back; the next action clears it', async () => {
    const { options: page } = await ready();
    await page.reload();
    await page.waitForSelector('tbody tr');
    // A removed built-in story stays listed, struck through (it can be restored): only shown rows count.
    const shownTitles = () => page.evaluate(() => [...document.querySelectorAll('tbody tr:not(.hidden-entry) td:first-child')].map((td) => td.textContent ?? ''));
    const before = await shownTitles();
    const title = before[0]!;
    await page.getByRole('button', { name: `Remove “${title}”` }).click();
    const library = page.locator('section', { has: page.locator('#library-h') });
    await library.locator('.message', { hasText: `Removed “${title}”.` }).waitFor();
    await page.waitForFunction((t) => ![...document.querySelectorAll('tbody tr:not(.hidden-entry) td:first-child')].some((td) => td.textContent === t), title);
    await library.getByRole('button', { name: 'Undo' }).click();
    await library.locator('.message', { hasText: `“${title}” is back in your library.` }).waitFor();
    await page.waitForFunction((t) => [...document.querySelectorAll('tbody tr:not(.hidden-entry) td:first-child')].some((td) => td.textContent === t), title);
    expect((await shownTitles()).sort()).toEqual([...before].sort());
    // A new action elsewhere makes the library's message stale.
    await page.locator('#feed-url').fill('http://example.com/feed.json');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('section', { has: page.locator('#feeds-h') }).locator('.message.error').waitFor();
    expect(await library.locator('.message').count()).toBe(0);
  });

  it('a one-line JSONL fact-check file previews as one fact-check, with the feedback beside Import; it is listed and removable', async () => {
    const { options: page } = await ready();
    const record = '{"id":"e2e-1","claim":"The moon is made of cheese.","rating":"False","url":"https://factcheck.example.org/moon"}';
    await page.locator('input[type=file]').setInputFiles({ name: 'one.jsonl', mimeType: 'application/json', buffer: Buffer.from(record) });
    const preview = page.locator('.preview');
    await preview.waitFor();
    expect(await preview.locator('p').first().textContent()).toBe('0 stories, 1 fact-check.');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('section', { has: page.locator('#import-h') }).locator('.message.ok', { hasText: 'Imported 0 new stories and 0 updates and 1 fact-check.' }).waitFor();
    // Listed under Fact-checks, with its rating; Remove takes it out of the library.
    const section = page.locator('section', { has: page.locator('#factchecks-h') });
    const item = section.locator('ul.factchecks li', { hasText: 'The moon is made of cheese.' });
    await item.waitFor();
    expect(await item.textContent()).toContain('rated “False”');
    await item.getByRole('button', { name: 'Remove the fact-check of “The moon is made of cheese.”' }).click();
    await section.locator('.message.ok', { hasText: 'Removed the fact-check of “The moon is made of cheese.”.' }).waitFor();
    await item.waitFor({ state: 'detached' });
    const left = await sendFromPage<{ id: string }[]>(page, 'factchecks.list', {});
    expect(left.ok && left.value.map((f) => f.id)).not.toContain('e2e-1');
  });

  it('at 420 px the options page keeps every control: each story’s Remove button is on screen, body text ≥ 14 px', async () => {
    const { options: page } = await ready();
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      await page.reload();
      await page.waitForSelector('tbody tr');
      const layout = await page.evaluate(() => ({
        font: parseFloat(getComputedStyle(document.body).fontSize),
        scroll: document.documentElement.scrollWidth,
        width: innerWidth,
        rows: document.querySelectorAll('tbody tr').length,
        removes: [...document.querySelectorAll('tbody tr button')].map((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= innerWidth;
        }),
      }));
      expect(layout.font).toBeGreaterThanOrEqual(14);
      expect(layout.scroll).toBeLessThanOrEqual(layout.width);
      expect(layout.removes).toHaveLength(layout.rows);
      expect(layout.removes.every(Boolean)).toBe(true);
      await page.screenshot({ path: artifactPath('chrome-options-420px.png'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1000, height: 900 });
    }
  });

  it('no console noise: no errors from the options page, the popups or the service worker', async () => {
    await ready();
    if (!watch) throw new Error('the console watch did not start');
    expect(watch.targets.length).toBeGreaterThan(1);
    expect(watch.errors()).toEqual([]);
  });
});

