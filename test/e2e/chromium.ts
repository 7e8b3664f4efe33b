/**
 * Chromium helpers: launch /usr/bin/chromium with the unpacked extension (Playwright persistent
 * context, new headless mode), reach its service worker, drive tabs and the real toolbar popup.
 *
 * Tabs are opened from the service worker (chrome.tabs.create) so the test knows their tab ids
 * without the "tabs" permission, which the extension does not have (chrome.tabs.query cannot filter
 * by URL without it). The popup is opened with chrome.action.openPopup() and read over raw CDP:
 * Chromium lists it as a DevTools target, but Playwright does not surface it as a Page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CdpClient, listTargets } from './cdp';
import { CERT_HOSTS, type FixtureServer } from './server';
import { CHROMIUM, makeTempDir, poll, removeDir } from './env';

export interface ChromeSession {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  extensionId: string;
  /** Chromium's DevTools HTTP/WebSocket port (--remote-debugging-port=0, read from DevToolsActivePort). */
  debugPort: number;
  close(): Promise<void>;
}

export interface Tab {
  id: number;
  windowId: number;
}

/** Host-resolver rules: the outlets' hosts go to the fixture server, everything else fails to resolve. */
export function hostResolverRules(port: number): string {
  const hosts = [...new Set(CERT_HOSTS)];
  return [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
}

export async function launchChromium({ extensionDir, server }: { extensionDir: string; server: Pick<FixtureServer, 'port' | 'spki'> }): Promise<ChromeSession> {
  const userDataDir = makeTempDir('chromium-profile');
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true, // Playwright passes --headless: the new headless mode, which loads extensions.
      // Not enough on its own: Playwright applies it per target once attached, and a tab opened by
      // chrome.tabs.create can start loading before that and land on a certificate error page (seen
      // intermittently). --ignore-certificate-errors-spki-list below trusts the fixture certificate
      // browser-wide from the first request.
      ignoreHTTPSErrors: true,
      // Playwright disables extensions by default.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--host-resolver-rules=${hostResolverRules(server.port)}`,
        `--ignore-certificate-errors-spki-list=${server.spki}`,
        '--remote-debugging-port=0',
        '--lang=en-US',
      ],
      // The popup formats dates in the browser's UI language: pin it, whatever the machine's locale.
      env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
      locale: 'en-US',
      timeout: 30_000,
    });
    const ctx = context;
    const worker =
      ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await ctx.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const debugPort = await poll(
      async () => Number(readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]),
      (p) => Number.isInteger(p) && p > 0,
      'Chromium to write DevToolsActivePort',
      { timeout: 10_000 },
    );
    return {
      context: ctx,
      worker,
      extensionId,
      debugPort,
      async close() {
        try {
          await ctx.close();
        } finally {
          removeDir(userDataDir);
        }
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    removeDir(userDataDir);
    throw e;
  }
}

/** Opens `url` in a new active tab (from the service worker) and waits until it has loaded. */
export async function openTab(session: ChromeSession, url: string): Promise<Tab> {
  const tab = await session.worker.evaluate(async (u) => {
    const t = await chrome.tabs.create({ url: u, active: true });
    return { id: t.id ?? -1, windowId: t.windowId };
  }, url);
  await poll(
    () => session.worker.evaluate(async (id) => (await chrome.tabs.get(id)).status, tab.id),
    (status) => status === 'complete',
    `tab ${tab.id} (${url}) to load`,
  );
  return tab;
}

export async function closeTab(session: ChromeSession, tab: Tab): Promise<void> {
  await session.worker.evaluate((id) => chrome.tabs.remove(id), tab.id).catch(() => undefined);
}

export function badgeText(session: ChromeSession, tab: Tab): Promise<string> {
  return session.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tab.id);
}

/**
 * Waits until the extension's content script has been injected in the tab: its isolated world
 * (an execution context whose origin is the extension's) exists in the page's main frame. Proves
 * the script ran, so a missing badge afterwards means "no match", not "never ran".
 */
export async function waitForContentScript(session: ChromeSession, url: string): Promise<void> {
  const target = await poll(
    async () => (await listTargets(session.debugPort)).find((t) => t.type === 'page' && t.url === url),
    (t) => t?.webSocketDebuggerUrl !== undefined,
    `a DevTools target for ${url}`,
  );
  const cdp = await CdpClient.connect(target!.webSocketDebuggerUrl!);
  try {
    const origins: string[] = [];
    cdp.on('Runtime.executionContextCreated', (p) => {
      const c = p.context as { origin?: string; name?: string; auxData?: { type?: string } };
      if (c.auxData?.type === 'isolated') origins.push(c.origin ?? '');
    });
    await cdp.send('Runtime.enable'); // replays executionContextCreated for the existing contexts
    await poll(
      async () => origins,
      (o) => o.some((x) => x.startsWith(`chrome-extension://${session.extensionId}`)),
      `the Storylens content script's isolated world in ${url}`,
      { timeout: 5_000 },
    );
  } finally {
    cdp.close();
  }
}

export interface Popup {
  cdp: CdpClient;
  targetId: string;
  close(): Promise<void>;
}

export function popupUrl(session: ChromeSession): string {
  return `chrome-extension://${session.extensionId}/src/popup/index.html`;
}

/** Makes `tab` the active tab of the focused window, opens the toolbar popup for it and connects to it. */
export async function openPopup(session: ChromeSession, tab: Tab): Promise<Popup> {
  const url = popupUrl(session);
  await session.worker.evaluate(async (t) => {
    await chrome.windows.update(t.windowId, { focused: true });
    await chrome.tabs.update(t.id, { active: true });
    await chrome.action.openPopup();
  }, tab);
  const target = await poll(
    async () => (await listTargets(session.debugPort)).find((t) => (t.type === 'page' || t.type === 'other') && t.url === url),
    (t) => t?.webSocketDebuggerUrl !== undefined,
    'the popup to appear as a DevTools target',
  );
  const cdp = await CdpClient.connect(target!.webSocketDebuggerUrl!);
  return {
    cdp,
    targetId: target!.id,
    async close() {
      cdp.close();
      await fetch(`http://127.0.0.1:${session.debugPort}/json/close/${target!.id}`).catch(() => undefined);
      await poll(
        async () => (await listTargets(session.debugPort)).some((t) => t.id === target!.id),
        (open) => !open,
        'the popup to close',
        { timeout: 5_000 },
      );
    },
  };
}
