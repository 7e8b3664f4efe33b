/**
 * The popup's first question: the view of the tab it was opened on. Two things are asked at once,
 * the popup's own active tab (tabs.query) and the background's view of *its* current window's
 * active tab, instead of one after the other: the tab's id is then a check, not a step. When the
 * background answered for another tab (after a worker restart its current window can be another
 * window than the popup's), the view is asked again for the popup's own tab.
 */
import type { Response } from '../messages';

/** The tab the popup belongs to, as the popup sees it. */
export interface ActiveTab {
  id?: number | undefined;
  url?: string | undefined;
}

export interface TabViewAsk {
  /** The popup's active tab (undefined when the browser gave none). */
  activeTab: Promise<ActiveTab | undefined>;
  /** The view of that tab. */
  view: Promise<Response<'tab.view'>>;
}

/**
 * `queryTab` asks the browser for the popup window's active tab; `askView` asks the background for
 * a tab's view (no id: its current window's active tab). `marks` are told when the view was asked
 * and answered (bench/popup.ts reads them).
 */
export function askTabView(
  queryTab: () => Promise<ActiveTab | undefined>,
  askView: (tabId?: number) => Promise<Response<'tab.view'>>,
  marks: { asked(): void; answered(): void } = { asked() {}, answered() {} },
): TabViewAsk {
  const activeTab = queryTab();
  marks.asked();
  const guess = askView();
  const view = Promise.all([activeTab.catch(() => undefined), guess]).then(([tab, r]) => {
    // The guess is kept when it is of the popup's tab, or when the popup knows no tab to ask for.
    const own = tab?.id;
    if (own === undefined || (r.ok && r.value.tabId === own)) return r;
    return askView(own);
  });
  return {
    activeTab,
    view: view.then((r) => {
      marks.answered();
      return r;
    }),
  };
}
