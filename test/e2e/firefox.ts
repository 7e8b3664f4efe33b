/**
 * Firefox ESR over WebDriver BiDi (puppeteer-core) with the e2e Firefox build installed as a
 * temporary add-on, shared by the Firefox e2e tests.
 *
 * Firefox has no host-resolver rules: `network.dns.forceResolve` sends every host name to
 * 127.0.0.1, so page URLs carry the fixture server's port. BiDi cannot emulate media features in
 * Firefox, so the colour scheme is a launch preference (`layout.css.prefers-color-scheme.content-override`,
 * which extension pages follow too).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX, poll } from './env';

export const GECKO_ID = 'storylens@storylens.app';
/** The attribute the e2e build's content script writes the background's answer to. */
export const VERDICT_ATTRIBUTE = 'data-storylens-e2e';

/**
 * `tunnel`: the port of a CONNECT tunnel (proxy.ts) every https request goes through, for a fixed
 * address on port 443 such as kite.kagi.com. `autoGrant`: optional permissions a page asks for are
 * granted without the browser's prompt (a test cannot answer it), as if the reader allowed them.
 */
export async function launchFirefox({ scheme = 'light', tunnel, autoGrant = false }: { scheme?: 'light' | 'dark'; tunnel?: number; autoGrant?: boolean } = {}): Promise<Browser> {
  const proxy =
    tunnel === undefined
      ? { 'network.proxy.type': 0 }
      : { 'network.proxy.type': 1, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': tunnel, 'network.proxy.no_proxies_on': '', 'network.proxy.allow_hijacking_localhost': true };
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    timeout: 60_000,
    extraPrefsFirefox: {
      // Every host name resolves to the fixture server (no outside network).
      'network.dns.forceResolve': '127.0.0.1',
      'network.dns.disableIPv6': true,
      ...proxy,
      ...(autoGrant ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      // 0 dark, 1 light.
      'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1,
    },
  });
}

/**
 * Opens one of the extension's pages ('popup' or 'options') in a new background tab, asked from
 * `page` (an outlet page where the e2e content script runs; see src/background/e2e-pages.ts), and
 * returns that tab once it shows the page. Puppeteer keeps reporting such a tab's address as
 * about:blank (it did not navigate it), so the tab is found as the new one and its address read in it.
 */
export async function openExtensionPage(browser: Browser, page: Page, name: 'popup' | 'options'): Promise<Page> {
  const path = name === 'popup' ? '/src/popup/index.html' : '/src/options/index.html';
  const before = new Set(await browser.pages());
  await page.evaluate((which) => {
    document.documentElement.setAttribute('data-storylens-e2e-open', which);
    document.dispatchEvent(new Event('storylens-e2e-open'));
  }, name);
  const where = async (p: Page) => p.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
  const found = await poll(
    async () => {
      for (const p of await browser.pages()) {
        if (before.has(p)) continue;
        const at = await where(p);
        if (at.startsWith('moz-extension://') && at.endsWith(`${path} complete`)) return p;
      }
      return null;
    },
    (p) => p !== null,
    `the ${name} page in a new tab`,
    { timeout: 15_000, interval: 200 },
  );
  return found!;
}
