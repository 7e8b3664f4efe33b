/**
 * End to end in Firefox ESR, over WebDriver BiDi (puppeteer-core), with the e2e Firefox build
 * (dist/e2e-firefox, built by test/e2e/global-setup.ts): its content script writes the
 * background's answer to <html data-storylens-e2e="…">, which the test reads from the page.
 *
 * Firefox has no host-resolver rules: `network.dns.forceResolve` sends every host name to
 * 127.0.0.1, so page URLs carry the fixture server's port (https://www.bbc.com:PORT/…). Match
 * patterns ignore ports, so the content script still runs there.
 *
 * Host permissions: the add-on is installed temporarily (BiDi webExtension.install), and Firefox
 * grants a temporary add-on's content-script host permissions at install, so no preference is
 * needed (checked with Firefox 153 ESR).
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExtension, FIREFOX, FIREFOX_E2E_DIST, poll, removeDir, requireExtension, requireFile, sleep } from './env';
import { GECKO_ID, launchFirefox, VERDICT_ATTRIBUTE } from './firefox';
import { PAGES, pageUrl, startFixtureServer, type FixtureServer, type PageName } from './server';

const ATTRIBUTE = VERDICT_ATTRIBUTE;

interface Verdict {
  ok: boolean;
  value?: { matched: boolean; storyId: string | null; source: number | null };
  error?: string;
}

describe('Firefox: the e2e build (dist/e2e-firefox)', () => {
  let server: FixtureServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let extensionDir: string | undefined;
  let addonId: string | undefined;

  /** Set when beforeAll could not get ready: every test then fails with it (a failed hook would only skip them). */
  let setupError: unknown;
  const current = () => {
    if (setupError !== undefined) throw setupError;
    if (!page || !server) throw new Error('Firefox did not start');
    return { page, port: server.port };
  };

  const readAttribute = (p: Page) => p.evaluate((name) => document.documentElement.getAttribute(name), ATTRIBUTE);

  /** Loads a fixture page under its real host name and waits for the content script's verdict. */
  async function verdictFor(name: PageName): Promise<Verdict> {
    const { page: p, port } = current();
    await p.goto(pageUrl(name, port), { waitUntil: 'load' });
    expect(server?.requests).toContain(`${PAGES[name].host} ${PAGES[name].path}`);
    const raw = await poll(
      () => readAttribute(p),
      (v) => v !== null,
      `${ATTRIBUTE} on ${name} (if it never appears, the content script did not run: check the add-on's host permissions)`,
      { timeout: 10_000 },
    );
    return JSON.parse(raw!) as Verdict;
  }

  beforeAll(async () => {
    try {
      await setUp();
    } catch (e) {
      setupError = e;
    }
  });

  async function setUp(): Promise<void> {
    requireFile(FIREFOX, 'Install Firefox ESR: apt-get install firefox-esr');
    requireExtension(FIREFOX_E2E_DIST, 'It is built by test/e2e/global-setup.ts: run the e2e tests with `npm run test:e2e` (vitest --config vitest.e2e.config.ts)');
    server = await startFixtureServer();
    extensionDir = copyExtension(FIREFOX_E2E_DIST);
    browser = await launchFirefox();
    addonId = await browser.installExtension(extensionDir);
    page = await browser.newPage();
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeDir(extensionDir);
  });

  it('installs the unsigned add-on temporarily', () => {
    current();
    expect(addonId).toBe(GECKO_ID);
  });

  it('matches the BBC article to the built-in story, as source 6', async () => {
    const verdict = await verdictFor('bbcArticle');
    expect(verdict).toMatchObject({ ok: true, value: { matched: true, source: 6 } });
    expect(verdict.value?.storyId).toEqual(expect.any(String));
  });

  it('matches the CNN article whose headline has an ASCII hyphen, as source 2', async () => {
    const verdict = await verdictFor('cnnArticle');
    expect(verdict).toMatchObject({ ok: true, value: { matched: true, source: 2 } });
  });

  it('matches the Newsweek article under a rewritten headline, as source 8', async () => {
    const verdict = await verdictFor('newsweekRewritten');
    expect(verdict).toMatchObject({ ok: true, value: { matched: true, source: 8 } });
  });

  it('answers matched:false for an unrelated CNN article', async () => {
    const verdict = await verdictFor('cnnUnrelated');
    expect(verdict).toEqual({ ok: true, value: { matched: false, storyId: null, source: null } });
  });

  it('does not talk to the background on the CNN home page (not an article)', async () => {
    const { page: p, port } = current();
    await p.goto(pageUrl('cnnHome', port), { waitUntil: 'load' });
    expect(server?.requests).toContain(`${PAGES.cnnHome.host} ${PAGES.cnnHome.path}`);
    // Article pages get their verdict a few hundred ms after load; give the home page well over that.
    for (let i = 0; i < 8; i++) {
      expect(await readAttribute(p)).toBeNull();
      await sleep(250);
    }
    // Same origin, same tab, next page: the content script is live here, so the silence above was its choice.
    expect(await verdictFor('cnnUnrelated')).toMatchObject({ ok: true, value: { matched: false } });
  });

  it('reads a single-page site again when it changes its URL: CNN home → the CNN article, as source 2', async () => {
    const { page: p, port } = current();
    await p.goto(pageUrl('cnnHome', port), { waitUntil: 'load' });
    await sleep(500);
    expect(await readAttribute(p)).toBeNull();
    // The site's router: fetch the next view, swap it in, push its URL. No new document loads.
    await p.evaluate(async (to) => {
      const html = await (await fetch(to)).text();
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.head.replaceWith(next.head);
      document.body.replaceWith(next.body);
      history.pushState({}, '', to);
    }, PAGES.cnnArticle.path);
    const raw = await poll(() => readAttribute(p), (v) => v !== null, `${ATTRIBUTE} after the single-page navigation`, { timeout: 10_000 });
    expect(JSON.parse(raw!)).toMatchObject({ ok: true, value: { matched: true, source: 2 } });
  });
});
