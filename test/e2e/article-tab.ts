/**
 * An article open in a tab of the test browser, its story's badge shown, with a DevTools session on
 * the page itself: what the verdict-card tests need to read a closed shadow root (DOM.getDocument
 * with pierce) and the accessibility tree, which neither the page nor the extension can.
 */
import type { Page } from 'playwright-core';
import { CdpClient, listTargets } from './cdp';
import { openTab, pageOf, type ChromeSession, type Tab } from './chromium';
import { waitForStoryBadge, type BadgeStory } from './badge';

export interface ArticleTab {
  tab: Tab;
  url: string;
  page: Page;
  /** DevTools on the page; the caller closes it. */
  cdp: CdpClient;
}

/** Opens `url`, waits until its badge names `story`, and connects DevTools to that page. */
export async function openArticleTab(session: ChromeSession, url: string, story: BadgeStory, what: string): Promise<ArticleTab> {
  const tab = await openTab(session, url);
  await waitForStoryBadge(session, tab, story, what);
  const page = await pageOf(session, url);
  const target = (await listTargets(session.debugPort)).find((t) => t.type === 'page' && t.url === url);
  if (!target?.webSocketDebuggerUrl) throw new Error(`no DevTools target for ${url}`);
  return { tab, url, page, cdp: await CdpClient.connect(target.webSocketDebuggerUrl) };
}
