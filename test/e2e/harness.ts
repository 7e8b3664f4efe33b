/**
 * The set-up every Chromium e2e file shares: loud preconditions (Chromium, openssl, dist/chrome), the
 * fixture server, a private copy of the build, the browser, and teardown. Call `chromiumSuite()`
 * inside a `describe`: it registers the hooks and hands back accessors that throw the set-up error,
 * so every test fails with it (a failing beforeAll would only skip them).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { badgeText, grantOptionalHosts, launchChromium, waitForContentScript, type ChromeSession, type Tab } from './chromium';
import { CHROME_DIST, CHROMIUM, copyExtension, removeDir, requireExtension, requireFile, sleep } from './env';
import { PAGES, startFixtureServer, type FixtureServer, type PageName } from './server';

export interface ChromiumSuite {
  /** The running browser session (throws the set-up error, if any). */
  session(): ChromeSession;
  server(): FixtureServer;
  /** The page really came from the fixture server, under its outlet's host name. */
  expectServed(name: PageName): void;
}

export interface SuiteOptions {
  /** Optional host permissions to grant at install (see grantOptionalHosts). */
  grantHosts?: readonly string[];
  /** More set-up once the browser runs (its failure fails every test too). */
  setUp?: (suite: ChromiumSuite) => Promise<void>;
  /** More teardown, before the browser closes. */
  tearDown?: () => Promise<void>;
}

export function chromiumSuite(options: SuiteOptions = {}): ChromiumSuite {
  let server: FixtureServer | undefined;
  let session: ChromeSession | undefined;
  let extensionDir: string | undefined;
  let setupError: unknown;
  const suite: ChromiumSuite = {
    session() {
      if (setupError !== undefined) throw setupError;
      if (!session) throw new Error('Chromium did not start');
      return session;
    },
    server() {
      if (setupError !== undefined) throw setupError;
      if (!server) throw new Error('the fixture server did not start');
      return server;
    },
    expectServed(name) {
      const { host, path } = PAGES[name];
      expect(suite.server().requests).toContain(`${host} ${path}`);
    },
  };

  beforeAll(async () => {
    try {
      requireFile(CHROMIUM, 'Install Chromium: apt-get install chromium');
      requireExtension(CHROME_DIST, 'Build the extension first: npm run build:chrome (npm test does it before test:e2e)');
      server = await startFixtureServer();
      extensionDir = copyExtension(CHROME_DIST);
      if (options.grantHosts?.length) grantOptionalHosts(extensionDir, options.grantHosts);
      session = await launchChromium({ extensionDir, server });
      await options.setUp?.(suite);
    } catch (e) {
      setupError = e;
    }
  });

  afterAll(async () => {
    try {
      await options.tearDown?.();
    } finally {
      await session?.close();
      await server?.close();
      removeDir(extensionDir);
    }
  });

  return suite;
}

/** The content script ran in the tab (its isolated world exists), yet the badge stays empty for a while. */
export async function expectNoBadge(session: ChromeSession, tab: Tab, url: string): Promise<void> {
  await waitForContentScript(session, url);
  for (let i = 0; i < 6; i++) {
    expect(await badgeText(session, tab), `badge text of ${url}`).toBe('');
    await sleep(200);
  }
}
