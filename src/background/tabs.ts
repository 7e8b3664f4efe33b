/**
 * Per-tab match state. Kept in `storage.session` (memory-only, cleared when the browser closes) so a
 * match survives the MV3 service worker being stopped and restarted.
 */
import type { Verdict } from '../core/claims/check';
import type { Match } from '../core/match/matcher';
import type { Browser } from './browser';

export interface TabState {
  url: string;
  match: Match | null;
}

const key = (tabId: number) => `tab:${tabId}`;
const verdictKey = (tabId: number) => `verdict:${tabId}`;

export interface CheckedClaim {
  claim: string;
  verdict: Verdict;
  /** The tab's address when the claim was checked (the popup shows the verdict only there). */
  url?: string;
}

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
      await area.remove([key(tabId), verdictKey(tabId)]);
    },
    async getVerdict(tabId: number): Promise<CheckedClaim | null> {
      const got = await area.get(verdictKey(tabId));
      return (got[verdictKey(tabId)] as CheckedClaim | undefined) ?? null;
    },
    async setVerdict(tabId: number, checked: CheckedClaim): Promise<void> {
      await area.set({ [verdictKey(tabId)]: checked });
    },
  };
}
export type TabStore = ReturnType<typeof tabStore>;
