import { describe, expect, it } from 'vitest';
import type { Response, TabView } from '../../src/messages';
import { askTabView, type ActiveTab } from '../../src/popup/tabView';

const viewOf = (tabId: number | null): Response<'tab.view'> => ({
  ok: true,
  value: { tabId, story: null, cut: false, match: null, librarySize: 1, page: 'web', disputes: [], verdict: null } satisfies TabView,
});

/** A background that answers for `current` (its current window's active tab) when asked without an id, and records each question. */
function background(current: number | null) {
  const asked: (number | undefined)[] = [];
  return {
    asked,
    askView: (tabId?: number) => {
      asked.push(tabId);
      return Promise.resolve(viewOf(tabId ?? current));
    },
  };
}

const deferred = <T,>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
};

describe('the popup asks for its tab’s view', () => {
  it('asks the background before the popup knows its tab, and once when the background answered for that tab', async () => {
    const tab = deferred<ActiveTab | undefined>();
    const bg = background(7);
    const ask = askTabView(() => tab.promise, bg.askView);
    // The view is asked while the tab query is still in flight.
    expect(bg.asked).toEqual([undefined]);
    tab.resolve({ id: 7, url: 'https://www.bbc.com/news/x' });
    expect(await ask.view).toEqual(viewOf(7));
    expect(bg.asked).toEqual([undefined]);
    expect(await ask.activeTab).toEqual({ id: 7, url: 'https://www.bbc.com/news/x' });
  });

  it('asks again for its own tab when the background answered for another window’s tab', async () => {
    const bg = background(3);
    const ask = askTabView(() => Promise.resolve({ id: 7 }), bg.askView);
    expect(await ask.view).toEqual(viewOf(7));
    expect(bg.asked).toEqual([undefined, 7]);
  });

  it('asks again for its own tab when the first answer was an error', async () => {
    const asked: (number | undefined)[] = [];
    const ask = askTabView(
      () => Promise.resolve({ id: 7 }),
      (tabId) => (asked.push(tabId), Promise.resolve(tabId === undefined ? { ok: false as const, error: 'no active tab' } : viewOf(tabId))),
    );
    expect(await ask.view).toEqual(viewOf(7));
    expect(asked).toEqual([undefined, 7]);
  });

  it('keeps the background’s answer when the browser tells the popup no tab', async () => {
    for (const query of [() => Promise.resolve(undefined), () => Promise.reject(new Error('tabs.query failed'))]) {
      const bg = background(5);
      const ask = askTabView(query, bg.askView);
      expect(await ask.view).toEqual(viewOf(5));
      expect(bg.asked).toEqual([undefined]);
    }
  });

  it('marks when the view was asked and when it was answered', async () => {
    const marks: string[] = [];
    const ask = askTabView(() => Promise.resolve({ id: 1 }), background(1).askView, { asked: () => marks.push('asked'), answered: () => marks.push('answered') });
    expect(marks).toEqual(['asked']);
    await ask.view;
    expect(marks).toEqual(['asked', 'answered']);
  });
});
