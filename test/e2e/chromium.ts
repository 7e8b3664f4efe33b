/**
 * Chromium helpers: launch /usr/bin/chromium with the unpacked extension (Playwright persistent
 * context, new headless mode), reach its service worker, drive tabs and the real toolbar popup.
 *
 * Tabs are opened from the service worker (chrome.tabs.create) so the test knows their tab ids
 * without the "tabs" permission, which the extension does not have (chrome.tabs.query cannot filter
 * by URL without it). The popup is opened with chrome.action.openPopup() and read over raw CDP:
 * Chromium lists it as a DevTools target, but Playwright does not surface it as a Page. When the
 * service worker is stopped, the popup is opened the way a click on the toolbar button does it
 * (CDP Extensions.triggerAction), which starts the worker again.
 *
 * What does not work headless, so the tests do not rely on it: the browser's own prompts (the
 * permissions.request dialog: see `grantOptionalHosts`), and keyboard commands (Alt+Shift+C): key
 * presses sent to a page (Playwright, CDP Input) never reach the browser's accelerators.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { browserSocketUrl, CdpClient, listTargets, type CdpSession } from './cdp';
import { CERT_HOSTS, type FixtureServer } from './server';
import { CHROMIUM, makeTempDir, poll, removeDir } from './env';

export interface ChromeSession {
  context: BrowserContext;
  /**
   * The extension's service worker: the live one (after a restart, the new one). Reading it while the
   * worker is stopped gives the stopped one, whose evaluate() fails.
   */
  readonly worker: Worker;
  extensionId: string;
  /** Chromium's DevTools HTTP/WebSocket port (--remote-debugging-port=0, read from DevToolsActivePort). */
  debugPort: number;
  /** The browser's own DevTools socket (Target.*, Extensions.*), opened on first use, closed with the session. */
  browserCdp(): Promise<CdpClient>;
  close(): Promise<void>;
}

export interface Tab {
  id: number;
  windowId: number;
}

/**
 * Host-resolver rules: the outlets' hosts go to the fixture server, everything else fails to resolve,
 * except the loopback addresses themselves (the library tests' feed server is http://127.0.0.1:PORT;
 * without the EXCLUDE, `MAP *` catches IP literals too and every fetch to it fails).
 */
export function hostResolverRules(port: number): string {
  const hosts = [...new Set(CERT_HOSTS)];
  return [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ');
}

/**
 * Grants optional host permissions up front, in a private copy of the build (see env.copyExtension):
 * the origins are added to the copy's `host_permissions` (and stay in `optional_host_permissions`).
 *
 * Why: `permissions.request` shows the browser's permission dialog, which nothing can answer in
 * headless Chromium (it waits forever: tried with Chromium 156, the request made from a real click
 * in the options page). Granted at install, the same request resolves `true` at once without a
 * dialog (Chromium answers requests for permissions already granted without asking), so the options
 * page's real subscribe flow, permission request included, runs unchanged.
 */
export function grantOptionalHosts(extensionDir: string, origins: readonly string[]): void {
  const file = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions?: string[]; optional_host_permissions?: string[] };
  const optional = manifest.optional_host_permissions ?? [];
  // Listed, or within a listed pattern for every host of its scheme ("https://*/*" holds "https://kite.kagi.com/*").
  const within = (o: string) => optional.includes(o) || optional.some((p) => /^[a-z]+:\/\/\*\/\*$/.test(p) && o.startsWith(p.slice(0, p.indexOf('*'))));
  for (const o of origins) {
    if (!within(o)) throw new Error(`grantOptionalHosts: ${o} is not among the manifest's optional_host_permissions (${optional.join(', ')})`);
  }
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...origins])];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/**
 * `ipcFloodingProtection`: keep Chromium's own throttling of IPC floods (200 address changes per 10 s
 * per page), which Playwright turns off by default; on for measuring what a hostile page can do to a
 * reader's real browser.
 */
export async function launchChromium({ extensionDir, server, ipcFloodingProtection = false }: { extensionDir: string; server: Pick<FixtureServer, 'port' | 'spki'>; ipcFloodingProtection?: boolean }): Promise<ChromeSession> {
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
      ignoreDefaultArgs: ['--disable-extensions', ...(ipcFloodingProtection ? ['--disable-ipc-flooding-protection'] : [])],
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
    const first =
      ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await ctx.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 }));
    const extensionId = new URL(first.url()).host;
    const ours = (w: Worker) => w.url().startsWith(`chrome-extension://${extensionId}/`);
    let latest = first;
    ctx.on('serviceworker', (w) => {
      if (ours(w)) latest = w;
    });
    let browserSocket: Promise<CdpClient> | undefined;
    const debugPort = await poll(
      async () => Number(readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]),
      (p) => Number.isInteger(p) && p > 0,
      'Chromium to write DevToolsActivePort',
      { timeout: 10_000 },
    );
    return {
      context: ctx,
      get worker() {
        return ctx.serviceWorkers().filter(ours).at(-1) ?? latest;
      },
      extensionId,
      debugPort,
      browserCdp: () => (browserSocket ??= browserSocketUrl(debugPort).then((url) => CdpClient.connect(url))),
      async close() {
        try {
          if (browserSocket) (await browserSocket.catch(() => undefined))?.close();
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

export function optionsUrl(session: ChromeSession): string {
  return `chrome-extension://${session.extensionId}/src/options/index.html`;
}

/**
 * Makes `tab` the active tab of the focused window, opens the toolbar popup for it and connects to it.
 *
 * `via: 'api'` (default) calls chrome.action.openPopup() in the service worker. `via: 'action'` does
 * what a click on the toolbar button does (CDP Extensions.triggerAction on the tab): it needs no
 * running service worker, so it is how a test opens the popup after stopping the worker; the tab
 * must already be the active one.
 *
 * `page` (a path in the extension): the page the popup shows when it is not the manifest's popup,
 * set with chrome.action.setPopup before this is called (bench:popup's empty page); how it is found.
 */
export async function openPopup(session: ChromeSession, tab: Tab & { url?: string }, { via = 'api', page }: { via?: 'api' | 'action'; page?: string } = {}): Promise<Popup> {
  const url = page === undefined ? popupUrl(session) : `chrome-extension://${session.extensionId}/${page}`;
  const isPopup = (t: { type: string; url: string }) => (t.type === 'page' || t.type === 'other') && t.url === url;
  // A popup page opened in a tab (the width tests) is a target with the same URL: pick the new one.
  const before = new Set((await listTargets(session.debugPort)).filter(isPopup).map((t) => t.id));
  if (via === 'api') {
    await session.worker.evaluate(async (t) => {
      await chrome.windows.update(t.windowId, { focused: true });
      await chrome.tabs.update(t.id, { active: true });
      await chrome.action.openPopup();
    }, tab);
  } else {
    if (!tab.url) throw new Error("openPopup via 'action' needs the tab's url (to find its tab target)");
    await triggerAction(session, tab.url);
  }
  const target = await poll(
    async () => (await listTargets(session.debugPort)).find((t) => isPopup(t) && !before.has(t.id)),
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

/** Clicks the extension's toolbar button for the tab showing `tabUrl` (CDP Extensions.triggerAction on its tab target). */
export async function triggerAction(session: ChromeSession, tabUrl: string): Promise<void> {
  const cdp = await session.browserCdp();
  const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tabTarget = targetInfos.find((t) => t.url === tabUrl);
  if (!tabTarget) throw new Error(`no tab target shows ${tabUrl} (tabs: ${targetInfos.map((t) => t.url).join(', ')})`);
  await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tabTarget.targetId });
}

/** The DevTools targets of the extension's service worker (none while it is stopped). */
async function workerTargets(session: ChromeSession): Promise<{ targetId: string; url: string }[]> {
  const cdp = await session.browserCdp();
  const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
}

export interface WorkerMonitor {
  /** The extension worker's "Running Status" (RUNNING, STOPPED, …), or null when it is not listed. */
  status(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * chrome://serviceworker-internals in a tab, kept open: it shows each worker's running status live.
 * Open it before stopping the worker and close it only once the worker runs again: opening or closing
 * a tab is a tabs.onUpdated / tabs.onRemoved event, which the extension listens to, and any such event
 * starts its worker again.
 */
export async function monitorWorker(session: ChromeSession): Promise<WorkerMonitor> {
  const page = await session.context.newPage();
  await page.goto('chrome://serviceworker-internals/');
  const status = async () => {
    const text = await page.evaluate(() => document.body.innerText);
    // One block per registration, "Scope: chrome-extension://<id>/" first, then its status.
    const block = text.split('Scope: ').find((b) => b.startsWith(`chrome-extension://${session.extensionId}/`));
    return block ? (/Running Status: (\w+)/.exec(block)?.[1] ?? null) : null;
  };
  await poll(status, (s) => s !== null, 'chrome://serviceworker-internals to list the extension worker');
  return { status, close: () => page.close() };
}

/**
 * Stops the extension's service worker, as Chromium does when it has been idle, and waits until it
 * is stopped: no DevTools target, and `monitor` (chrome://serviceworker-internals) says STOPPED. CDP
 * Target.closeTarget on the worker's target, sent on the browser's own socket, stops it.
 *
 * Until something starts the worker again on purpose: open or close no tab (see monitorWorker), and
 * do not touch `session.worker` (Playwright's evaluate on the stopped worker hangs).
 */
export async function stopServiceWorker(session: ChromeSession, monitor: WorkerMonitor): Promise<void> {
  const targets = await workerTargets(session);
  if (targets.length === 0) throw new Error('stopServiceWorker: the service worker is not running');
  const cdp = await session.browserCdp();
  for (const t of targets) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await poll(() => workerTargets(session), (ts) => ts.length === 0, 'the service worker target to go away');
  await poll(() => monitor.status(), (status) => status === 'STOPPED', 'chrome://serviceworker-internals to say STOPPED', { interval: 200 });
}

/** Waits until the extension's service worker runs again (started by an event: a message, the action…). */
export async function waitForWorker(session: ChromeSession): Promise<Worker> {
  await poll(() => workerTargets(session), (ts) => ts.length > 0, 'the service worker to start again');
  return poll(
    async () => session.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${session.extensionId}/`)),
    (w) => w !== undefined,
    'Playwright to see the restarted service worker',
  ) as Promise<Worker>;
}

/** The extension's options page in a new tab (a Playwright page: extension pages in tabs are ordinary pages). */
export async function openOptionsPage(session: ChromeSession, viewport = { width: 1000, height: 900 }): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(optionsUrl(session));
  await page.waitForSelector('h1');
  return page;
}

/** The answer to one protocol message sent from an extension page (options page, popup in a tab), as the page's code sends it. */
export async function sendFromPage<T = unknown>(page: Page, type: string, payload: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  return page.evaluate(async ([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
}

/** The Playwright page of a tab opened by `openTab`. */
export async function pageOf(session: ChromeSession, url: string): Promise<Page> {
  return poll(async () => session.context.pages().find((p) => p.url() === url), (p) => p !== undefined, `a Playwright page for ${url}`) as Promise<Page>;
}

// ----- input over CDP (the popup is no Playwright page) -----

interface CdpLike {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  evaluate<T>(expression: string): Promise<T>;
}

/**
 * A real mouse click (Input.dispatchMouseEvent) in the middle of an element: the first one matching
 * a CSS selector, or the one a JS expression `{ js }` evaluates to.
 */
export async function cdpClick(cdp: CdpLike, target: string | { js: string }): Promise<void> {
  const selector = typeof target === 'string' ? target : target.js;
  const find = typeof target === 'string' ? `document.querySelector(${JSON.stringify(target)})` : target.js;
  const box = await cdp.evaluate<{ x: number; y: number } | null>(`(() => {
    const el = ${find};
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`);
  if (!box) throw new Error(`cdpClick: nothing matches ${selector}`);
  for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
    await cdp.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: type === 'mouseMoved' ? 0 : 1 });
  }
}

const KEYS: Record<string, { code: string; keyCode: number }> = {
  Escape: { code: 'Escape', keyCode: 27 },
  Enter: { code: 'Enter', keyCode: 13 },
  ArrowDown: { code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { code: 'ArrowUp', keyCode: 38 },
  Tab: { code: 'Tab', keyCode: 9 },
};

/** A real key press (Input.dispatchKeyEvent) to whatever has focus. */
export async function cdpPress(cdp: CdpLike, key: keyof typeof KEYS): Promise<void> {
  const k = KEYS[key]!;
  const common = { key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common });
  if (key === 'Enter') await cdp.send('Input.dispatchKeyEvent', { type: 'char', ...common, text: '\r', unmodifiedText: '\r' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
}

/** Types text into whatever has focus, as an input method would (Input.insertText: input events, no key events). */
export async function cdpType(cdp: CdpLike, text: string): Promise<void> {
  await cdp.send('Input.insertText', { text });
}

// ----- console noise -----

export interface ConsoleEntry {
  /** The URL of the page or worker that logged it. */
  url: string;
  /** 'error', 'warning', … (console API type, Log entry level, or 'exception'). */
  level: string;
  text: string;
}

export interface ConsoleWatch {
  /** Everything logged by the extension's own pages and worker since the watch began. */
  readonly entries: ConsoleEntry[];
  /** The URLs of the extension's pages and workers watched (one entry per target). */
  readonly targets: string[];
  /** The errors among them (console.error, uncaught exceptions, failed loads, CSP violations…). */
  errors(): ConsoleEntry[];
}

/**
 * Records what the extension's pages (popup, options) and its service worker log, from their very
 * start: on the browser's socket, every new target is attached paused (Target.setAutoAttach with
 * waitForDebuggerOnStart), Runtime and Log are enabled, then it runs. Targets already running when
 * the watch begins are recorded from then on.
 */
export async function watchConsole(session: ChromeSession): Promise<ConsoleWatch> {
  const cdp = await session.browserCdp();
  const origin = `chrome-extension://${session.extensionId}/`;
  const urls = new Map<string, string>(); // sessionId → url
  const targetUrl = new Map<string, string>(); // targetId → url
  const sessionTarget = new Map<string, string>(); // sessionId → targetId
  const entries: ConsoleEntry[] = [];
  const seen = new Set<string>(); // every URL a watched target has had
  const urlOf = (sessionId: string | undefined) => (sessionId ? (targetUrl.get(sessionTarget.get(sessionId) ?? '') ?? urls.get(sessionId) ?? '') : '');
  const record = (sessionId: string | undefined, level: string, text: string) => {
    const url = urlOf(sessionId);
    if (url.startsWith(origin)) entries.push({ url, level, text });
  };
  cdp.on('Target.targetInfoChanged', (p) => {
    const info = p.targetInfo as { targetId: string; url: string };
    targetUrl.set(info.targetId, info.url);
    seen.add(info.url);
  });
  cdp.on('Target.attachedToTarget', (p) => {
    const sessionId = p.sessionId as string;
    const info = p.targetInfo as { targetId: string; type: string; url: string };
    sessionTarget.set(sessionId, info.targetId);
    targetUrl.set(info.targetId, info.url);
    urls.set(sessionId, info.url);
    seen.add(info.url);
    const s: CdpSession = cdp.session(sessionId);
    void (async () => {
      try {
        await s.send('Runtime.enable');
        await s.send('Log.enable').catch(() => undefined); // not every target has Log
      } finally {
        if (p.waitingForDebugger) await s.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
      }
    })().catch(() => undefined);
  });
  cdp.on('Runtime.consoleAPICalled', (p, sessionId) => {
    const args = (p.args as { value?: unknown; description?: string }[] | undefined) ?? [];
    record(sessionId, String(p.type), args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' '));
  });
  cdp.on('Runtime.exceptionThrown', (p, sessionId) => {
    const d = p.exceptionDetails as { text: string; exception?: { description?: string } };
    record(sessionId, 'exception', d.exception?.description ?? d.text);
  });
  cdp.on('Log.entryAdded', (p, sessionId) => {
    const e = p.entry as { level: string; text: string; url?: string };
    record(sessionId, e.level, `${e.text}${e.url ? ` (${e.url})` : ''}`);
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
    filter: [{ type: 'page' }, { type: 'other' }, { type: 'service_worker' }],
  });
  return {
    entries,
    get targets() {
      return [...seen].filter((u) => u.startsWith(origin));
    },
    errors: () => entries.filter((e) => e.level === 'error' || e.level === 'assert' || e.level === 'exception'),
  };
}
