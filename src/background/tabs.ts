/**
 * Per-tab match state. Kept in `storage.session` (memory-only, cleared when the browser closes) so a
 * match survives the MV3 service worker being stopped and restarted.
 */
import type { Match } from '../core/match/matcher';
import type { Browser } from './browser';

export interface TabState {
  url: string;
  match: Match | null;
}

const key = (tabId: number) => `tab:${tabId}`;

export function tabStore(browser: Browser) {
  const area = browser.storage.session;
  return {
    async get(tabId: number): Promise<TabState | null> {
      const got = await area.get(key(tabId));
      return (got[key(tabId)] as TabState | undefined) ?? null;
    },
    async set(tabId: number, state: TabState): Promise<void> {
      await area.set({ [key(tabId)]: state });
    },
    async clear(tabId: number): Promise<void> {
      await area.remove(key(tabId));
    },
  };
}
export type TabStore = ReturnType<typeof tabStore>;
