/**
 * Kagi News, end to end in Firefox ESR (WebDriver BiDi). Firefox has no host-resolver rules, so every
 * https request goes through a CONNECT tunnel (proxy.ts) that takes kite.kagi.com's port 443 to the
 * fixture server, which serves kite.json and category files built from the dev Kagi stories over two
 * "days" (test/support/kagi-editions.ts). Firefox grants the optional kite.kagi.com permission
 * without its prompt (a launch preference: a test cannot answer the prompt), as a reader who allows it.
 * From the options page: nothing is fetched before opting in; the checkbox (a real click, so the
 * permission is asked within it) syncs World; a second category is added and synced; day 2 updates
 * a story in place (same id, more articles) and keeps the one no longer listed; the reader's own
 * story under a Kagi story's id is never taken over.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/story/model';
import type { LibraryEntry } from '../../src/messages';
import { storyOnDay, type RawStory } from '../support/kagi-editions';
import { artifactPath, copyExtension, FIREFOX, FIREFOX_E2E_DIST, poll, removeDir, requireExtension, requireFile } from './env';
import { GECKO_ID, launchFirefox, openExtensionPage, VERDICT_ATTRIBUTE } from './firefox';
import { COLLIDING, day1, day2, DELISTED, expectEditionsToHoldTheCases, idOf, KAGI_HOST, MINE, originOf, PICKED, PICKED_IDS, raws, RETITLED, WORLD } from './kagi-editions-e2e';
import { startTunnel, type Tunnel } from './proxy';
import { pageUrl, startFixtureServer, type FixtureServer } from './server';


type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

describe('Firefox: Kagi News from the options page', () => {
  let server: FixtureServer | undefined;
  let tunnel: Tunnel | undefined;
  let browser: Browser | undefined;
  let options: Page | undefined;
  let extensionDir: string | undefined;
  /** Set when beforeAll could not get ready: every test then fails with it (a failed hook would only skip them). */
  let setupError: unknown;
  const page = () => {
    if (setupError !== undefined) throw setupError;
    if (!options) throw new Error('Firefox did not start');
    return options;
  };
  /** A message from the options page, as its own code sends it. */
  const send = async <T>(type: string, payload: Record<string, unknown>): Promise<T> => {
    const r = (await page().evaluate(
      (t, p) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({ type: t, payload: p }),
      type,
      payload,
    )) as Reply<T>;
    if (!r.ok) throw new Error(`${type}: ${r.error}`);
    return r.value;
  };
  const entries = async () => new Map((await send<LibraryEntry[]>('library.entries', {})).map((e) => [e.id, e]));
  const story = async (id: string) => (await send<{ story: Story } | null>('story.get', { id }))?.story;
  const kagiRequests = () => (server?.requests ?? []).filter((r) => r.startsWith(`${KAGI_HOST} `));

  beforeAll(async () => {
    try {
      requireFile(FIREFOX, 'Install Firefox ESR: apt-get install firefox-esr');
      requireExtension(FIREFOX_E2E_DIST, 'It is built by test/e2e/global-setup.ts: run the e2e tests with `npm run test:e2e`');
      server = await startFixtureServer();
      server.publish(KAGI_HOST, day1.files);
      tunnel = await startTunnel(server.port);
      extensionDir = copyExtension(FIREFOX_E2E_DIST);
      browser = await launchFirefox({ tunnel: tunnel.port, autoGrant: true });
      expect(await browser.installExtension(extensionDir)).toBe(GECKO_ID);
      // The options page is opened from an outlet page, where the e2e build's content script runs.
      const article = await browser.newPage();
      await article.goto(pageUrl('bbcArticle', server.port), { waitUntil: 'load' });
      await poll(() => article.evaluate((name) => document.documentElement.getAttribute(name), VERDICT_ATTRIBUTE), (v) => v !== null, 'the BBC article read');
      options = await openExtensionPage(browser, article, 'options');
      await options.bringToFront();
      await options.setViewport({ width: 420, height: 900 });
    } catch (e) {
      setupError = e;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await tunnel?.close();
    await server?.close();
    removeDir(extensionDir);
  });

  it('the preconditions: a category with a retitled and a delisted story, and a World story to collide with', expectEditionsToHoldTheCases);

  it('off until the reader opts in: nothing is fetched from Kagi before', async () => {
    await send('library.import', { name: 'mine.json', text: JSON.stringify([MINE]) });
    const box = await page().waitForSelector('section:has(#kagi-h) label input[type="checkbox"]');
    expect(await box!.evaluate((b) => (b as HTMLInputElement).checked)).toBe(false);
    expect(kagiRequests()).toEqual([]);
    expect(tunnel!.asked.filter((t) => t.startsWith(`${KAGI_HOST}:`))).toEqual([]);
  });

  it('a click on the checkbox asks the permission, opts in and syncs World through kite.kagi.com', async () => {
    const p = page();
    await (await p.waitForSelector('section:has(#kagi-h) label input[type="checkbox"]'))!.click();
    const all = await poll(entries, (m) => WORLD.filter((i) => i !== COLLIDING).every((i) => m.get(idOf(i))?.origin === originOf('World')), 'the World stories in the library');
    expect(kagiRequests()).toEqual(expect.arrayContaining([`${KAGI_HOST} /kite.json`, `${KAGI_HOST} /world.json`]));
    expect(tunnel!.asked).toContain(`${KAGI_HOST}:443`);
    expect(all.get(idOf(COLLIDING))).toMatchObject({ title: MINE.title, origin: 'import' });
    // The section says so: the box is checked and World is among the reader's categories, synced.
    await poll(() => p.evaluate(() => [...document.querySelectorAll('.kagi-status li')].map((li) => li.textContent ?? '')), (lines) => lines.some((l) => l.startsWith('World') && l.includes(' stories · synced')), 'World synced in the section');
    expect(await p.evaluate(() => (document.querySelector('section:has(#kagi-h) label input[type="checkbox"]') as HTMLInputElement | null)?.checked)).toBe(true);
  });

  it('a second category is chosen in the section and synced with "Sync now"', async () => {
    const p = page();
    const choice = await poll(
      () => p.evaluateHandle((name) => [...document.querySelectorAll('.kagi-choices label')].find((l) => l.textContent?.trim() === name)?.querySelector('input') ?? null, PICKED),
      (h) => h.asElement() !== null,
      `the ${PICKED} checkbox`,
    );
    await (choice.asElement() as NonNullable<Awaited<ReturnType<Page['$']>>>).click();
    await poll(() => send<{ categories: string[] }>('kagi.get', {}), (v) => v.categories.includes(PICKED), `${PICKED} chosen`);
    const button = await poll(
      () => p.evaluateHandle(() => [...document.querySelectorAll('section:has(#kagi-h) button')].find((b) => b.textContent?.trim() === 'Sync now' && !(b as HTMLButtonElement).disabled) ?? null),
      (h) => h.asElement() !== null,
      'the Sync now button',
    );
    await (button.asElement() as NonNullable<Awaited<ReturnType<Page['$']>>>).click();
    const all = await poll(entries, (m) => PICKED_IDS.every((i) => m.get(idOf(i))?.origin === originOf(PICKED)), `the ${PICKED} stories in the library`);
    expect(all.get(idOf(COLLIDING))).toMatchObject({ title: MINE.title, origin: 'import' });
  });

  it('day 2 updates a story in place (same id, more articles) and keeps the one no longer listed; the reader’s story is not taken over', async () => {
    const before = await story(idOf(RETITLED));
    expect(before?.title).toBe((raws[RETITLED] as RawStory).title);
    server!.publish(KAGI_HOST, day2.files);
    await send('kagi.sync', {});
    const after = await story(idOf(RETITLED));
    expect(after?.title).toBe((storyOnDay(raws[RETITLED] as RawStory, RETITLED, 2) as RawStory).title);
    expect(after!.articles.length).toBeGreaterThan(before!.articles.length);
    const all = await entries();
    expect(all.get(idOf(DELISTED))?.origin).toBe('unlisted');
    expect(all.get(idOf(COLLIDING))).toMatchObject({ title: MINE.title, origin: 'import' });
    expect((await story(idOf(COLLIDING)))?.summary[0]?.text).toBe('Written by the reader.');
  });

  it('the section in Firefox: no horizontal scroll at 420 px; screenshot', async () => {
    const p = page();
    // No reload: over BiDi a reload of an extension page the test did not navigate never reports done.
    await p.waitForSelector('.kagi-status li');
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    const section = await p.waitForSelector('section:has(#kagi-h)');
    await section!.screenshot({ path: artifactPath('firefox-options-kagi.png') });
  });
});
