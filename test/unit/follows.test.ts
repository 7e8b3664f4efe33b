/**
 * Following a story: the store in storage.local (follows.ts) with an in-memory browser, and the
 * background's messages end to end through the router with the library service (fake IndexedDB):
 * follow from the popup, an import that adds to the story, the button's global badge and tooltip,
 * one notification when turned on, "new since you last looked" once, then seen.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../src/background/browser';
import { errorLog } from '../../src/background/errors';
import { followedIds, followStore } from '../../src/background/follows';
import { createRouter } from '../../src/background/router';
import { LibraryService } from '../../src/background/service';
import { tabStore } from '../../src/background/tabs';
import { findDisputes } from '../../src/core/claims/disputes';
import { changeSince, countsOf, snapshotOf, totalOf } from '../../src/core/library/changes';
import { importBytes, importJson } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import type { MessageType, Payload, Response } from '../../src/messages';
import { ROUTES, startFeedServer } from '../support/feed-server';
import { storyOnDay, type RawStory } from '../support/kagi-editions';
import { rawKagiStories, REFERENCE_PATH } from './helpers';

/** A storage area over a Map; get/set/remove resolve later, as the browser's do. */
function memoryArea() {
  const data = new Map<string, unknown>();
  const later = () => new Promise((r) => setTimeout(r, 0));
  return {
    data,
    async get(keys: string | string[]) {
      await later();
      const out: Record<string, unknown> = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      await later();
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

const OWN = 'chrome-extension://own/';
function fakeBrowser({ notificationsAllowed = false, tabUrls = {} as Record<number, string> } = {}) {
  const state = {
    global: { text: '', title: 'Storylens', color: '' },
    tabs: new Map<number, { text: string; title: string }>(),
    notifications: [] as { id: string; title: string; message: string }[],
    cleared: [] as string[],
    opened: [] as string[],
    allowed: notificationsAllowed,
  };
  const browser = {
    runtime: { id: 'own', getURL: (p: string) => `${OWN}${p}` },
    storage: { session: memoryArea(), local: memoryArea() },
    i18n: { getMessage: () => '' },
    action: {
      async setBadgeText({ tabId, text }: { tabId?: number; text: string }) {
        if (tabId === undefined) state.global.text = text;
        else state.tabs.set(tabId, { ...(state.tabs.get(tabId) ?? { title: '' }), text });
      },
      async setBadgeBackgroundColor({ tabId, color }: { tabId?: number; color: string }) {
        if (tabId === undefined) state.global.color = color;
      },
      async setTitle({ tabId, title }: { tabId?: number; title: string }) {
        if (tabId === undefined) state.global.title = title;
        else state.tabs.set(tabId, { ...(state.tabs.get(tabId) ?? { text: '' }), title });
      },
    },
    permissions: {
      async contains(p: { permissions?: string[] }) {
        return state.allowed && (p.permissions ?? []).every((x) => x === 'notifications');
      },
    },
    notifications: {
      async create(id: string, o: { title: string; message: string }) {
        state.notifications.push({ id, title: o.title, message: o.message });
        return id;
      },
      async clear(id: string) {
        state.cleared.push(id);
        return true;
      },
    },
    tabs: {
      async create({ url }: { url: string }) {
        state.opened.push(url);
        return { id: 1000 + state.opened.length, url };
      },
      async query() {
        return Object.entries(tabUrls).map(([id, url]) => ({ id: Number(id), url }));
      },
      async get(id: number) {
        if (!(id in tabUrls)) throw new Error(`No tab with id: ${id}.`);
        return { id, url: tabUrls[id] };
      },
    },
    alarms: { async create() {} },
  };
  return { browser: browser as unknown as Browser, state };
}

const raws = rawKagiStories() as unknown as RawStory[];
/** A dev Kagi story that grows on day 2 (test/support/kagi-editions.ts): index 0 is retitled. */
const GROWING = 0;
const day = (d: 1 | 2, i = GROWING): Story => importJson(storyOnDay(raws[i] as RawStory, i, d), `day${d}.json`)[0] as Story;
/** Another one (stories sharing article links would be recognised as one by the library). */
const OTHER_GROWING = 3;
const TAB_GROWING = 6;
/** One more, replaced by an import under a new id (it keeps six of its seven article links on day 2). */
const MOVED_GROWING = 15;
const withDisputes = (s: Story) => ({ story: s, disputes: findDisputes(s) });

describe('the follows store', () => {
  it('follows, lists the ids for retention, and unfollows', async () => {
    const { browser } = fakeBrowser();
    const store = followStore(browser);
    const s = day(1);
    await store.follow(s, findDisputes(s), new Date('2025-12-27T13:00:00Z'));
    expect([...(await followedIds(browser))]).toEqual([s.id]);
    expect(await store.unfollow(s.id)).toBe(true);
    expect(await store.unfollow(s.id)).toBe(false);
    expect((await followedIds(browser)).size).toBe(0);
  });

  it('two stories followed at the same moment are both kept (writes go one after another)', async () => {
    const { browser } = fakeBrowser();
    const store = followStore(browser);
    const [a, b] = [raws[1], raws[2]].map((r, i) => importJson(storyOnDay(r as RawStory, i + 1, 1), 'x.json')[0] as Story);
    await Promise.all([store.follow(a!, [], new Date()), store.follow(b!, [], new Date())]);
    expect([...(await store.followedIds())].sort()).toEqual([a!.id, b!.id].sort());
  });

  it('a check finds what the story gained, announces it once; looking returns it and makes it seen', async () => {
    const { browser } = fakeBrowser();
    const store = followStore(browser);
    const before = day(1);
    await store.follow(before, findDisputes(before), new Date('2025-12-27T13:00:00Z'));
    let now = withDisputes(before);
    const current = async (id: string) => (id === before.id ? now : undefined);

    expect(await store.check(current)).toEqual({ changed: [], announce: [] });
    // Day 2's edition merged in place keeps the id: the grown story under the followed id.
    now = withDisputes({ ...day(2), id: before.id });
    const first = await store.check(current);
    expect(first.changed).toHaveLength(1);
    expect(first.changed[0]).toMatchObject({ id: before.id, title: day(2).title, counts: { articles: 2, timeline: 1 } });
    expect(first.announce).toEqual(first.changed);
    const again = await store.check(current);
    expect(again.changed).toEqual(first.changed);
    expect(again.announce).toEqual([]);

    const look = await store.look(now.story, now.disputes, new Date('2025-12-28T14:00:00Z'));
    expect(look?.since).toBe('2025-12-27T13:00:00.000Z');
    expect(look?.change.articles).toHaveLength(2);
    expect(look?.change.timeline).toHaveLength(1);
    expect(await store.changed()).toEqual([]);
    expect((await store.look(now.story, now.disputes, new Date()))?.change).toEqual({ articles: [], timeline: [], disputes: [] });
  });

  it('a story not followed: looking at it changes nothing', async () => {
    const { browser } = fakeBrowser();
    const s = day(1);
    expect(await followStore(browser).look(s, [], new Date())).toBeNull();
    expect(await browser.storage.local.get('follows')).toEqual({});
  });

  it('stored follows that cannot be read are reported, never overwritten', async () => {
    const { browser } = fakeBrowser();
    await browser.storage.local.set({ follows: { x: { id: 'x' } } });
    const s = day(1);
    await expect(followStore(browser).follow(s, [], new Date())).rejects.toThrow(/storage\.local "follows": .* at x\./);
    expect(await browser.storage.local.get('follows')).toEqual({ follows: { x: { id: 'x' } } });
  });
});

describe('following through the background (router + library service)', () => {
  let service: Promise<LibraryService>;
  beforeAll(() => {
    service = LibraryService.start(importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH));
  });
  afterAll(async () => (await service).close());

  function setUp(options: { notificationsAllowed?: boolean; fetch?: typeof fetch; tabUrls?: Record<number, string> } = {}) {
    const { browser, state } = fakeBrowser(options);
    const r = createRouter({ browser, tabs: tabStore(browser), service: () => service, errors: errorLog(browser), fetch: options.fetch ?? ((async () => new Response('', { status: 404 })) as typeof fetch) });
    const popup = { id: 'own', url: `${OWN}src/popup/index.html` };
    const send = async <K extends MessageType>(type: K, payload: Payload<K>) => (await r.receive({ type, payload }, popup)) as Response<K>;
    const value = async <K extends MessageType>(type: K, payload: Payload<K>) => {
      const got = await send(type, payload);
      if (!got.ok) throw new Error(got.error);
      return got.value;
    };
    return { r, state, send, value, browser };
  }

  it('follow, import a grown version: the badge says what changed; the popup gets "new since" once; the badge clears', async () => {
    const { state, value, browser } = setUp({ notificationsAllowed: true });
    const first = day(1);
    await value('library.import', { name: 'day1.json', text: JSON.stringify([first]) });
    expect(await value('follow.open', { id: first.id })).toEqual({ followed: false, change: null, since: null });
    expect(await value('follow.set', { id: first.id, follow: true })).toMatchObject({ followed: true, change: null });
    expect(await value('follow.settings.set', { notify: true })).toEqual({ notify: true });

    // The same story, a day later: imported under its id (an import replaces the story with that id).
    const grown = { ...day(2), id: first.id };
    await value('library.import', { name: 'day2.json', text: JSON.stringify([grown]) });
    const news = totalOf(countsOf(changeSince(snapshotOf(first, findDisputes(first)), grown, findDisputes(grown))));
    expect(news).toBeGreaterThanOrEqual(3);
    expect(state.global.text).toBe(`+${news}`);
    expect(state.global.title).toContain(`${grown.title}: 2 new articles, 1 new timeline entry`);
    expect(state.notifications).toEqual([{ id: `storylens-follow:${first.id}`, title: grown.title, message: expect.stringMatching(/^2 new articles, 1 new timeline entry/) }]);
    // Importing the same again: still news for the badge, no second notification.
    await value('library.import', { name: 'day2.json', text: JSON.stringify([grown]) });
    expect(state.global.text).not.toBe('');
    expect(state.notifications).toHaveLength(1);

    const opened = await value('follow.open', { id: first.id });
    expect(opened.followed).toBe(true);
    expect(opened.change?.articles.map((a) => a.title)).toEqual(grown.articles.filter((a) => !first.articles.some((b) => b.url === a.url)).map((a) => a.title));
    expect(opened.change?.timeline.map((e) => e.text)).toEqual([`Later reports: ${grown.title}.`]);
    expect(state.global).toMatchObject({ text: '', title: 'Storylens' });
    expect((await value('follow.open', { id: first.id })).change).toEqual({ articles: [], timeline: [], disputes: [] });

    await value('follow.set', { id: first.id, follow: false });
    expect((await followedIds(browser)).has(first.id)).toBe(false);
  });

  it('notifications stay off unless the reader turned them on and the browser allows them', async () => {
    const { state, send, value } = setUp({ notificationsAllowed: false });
    const first = { ...day(1), id: 'follow-off-test' };
    await value('library.import', { name: 'a.json', text: JSON.stringify([first]) });
    await value('follow.set', { id: first.id, follow: true });
    expect(await send('follow.settings.set', { notify: true })).toEqual({ ok: false, error: 'The browser has not allowed Storylens to show notifications.' });
    await value('library.import', { name: 'b.json', text: JSON.stringify([{ ...day(2), id: first.id }]) });
    expect(state.global.text).toMatch(/^\+\d+$/);
    expect(state.notifications).toEqual([]);
  });

  it('a feed sync that updates a followed story: the badge says what changed', async () => {
    const server = await startFeedServer();
    try {
      const { state, value } = setUp({ fetch: (input, init) => fetch(input, init) });
      const id = 'follow-feed-test';
      server.publish(JSON.stringify([{ ...day(1, OTHER_GROWING), id }]));
      const url = server.url(ROUTES.feed);
      await value('feeds.add', { url });
      await value('follow.set', { id, follow: true });
      expect(state.global.text).toBe('');
      server.publish(JSON.stringify([{ ...day(2, OTHER_GROWING), id }]));
      await value('feeds.sync', { url });
      expect(state.global.text).toMatch(/^\+\d+$/);
      expect(state.global.title).toContain(`${day(2, OTHER_GROWING).title}: 2 new articles, 1 new timeline entry`);
    } finally {
      await server.close();
    }
  });

  it('a tab showing its own story keeps its badge; its tooltip gets the news, and loses it once seen or not at all after the tab moved on', async () => {
    const BBC_URL = 'https://www.bbc.com/news/articles/trump-putin-pause';
    const tabUrls: Record<number, string> = { 1: BBC_URL };
    const { r, state, value } = setUp({ tabUrls });
    const content = { id: 'own', frameId: 0, url: BBC_URL, tab: { id: 1, url: BBC_URL } } as never;
    const seen = await r.receive({ type: 'page.seen', payload: { url: BBC_URL, title: 'Trump claims Putin agreed to week\u2011long pause on Ukrainian attacks amid extreme cold' } }, content);
    expect(seen).toMatchObject({ ok: true, value: { matched: true } });
    const own = state.tabs.get(1)!;
    expect(own.title).not.toContain('stories you follow');

    const id = 'follow-tab-test';
    const grownTitle = day(2, TAB_GROWING).title;
    await value('library.import', { name: 'a.json', text: JSON.stringify([{ ...day(1, TAB_GROWING), id }]) });
    await value('follow.set', { id, follow: true });
    await value('library.import', { name: 'b.json', text: JSON.stringify([{ ...day(2, TAB_GROWING), id }]) });
    expect(state.tabs.get(1)).toEqual({ text: own.text, title: `${own.title}\n\nNew in stories you follow (open Storylens on the story to see it):\n${grownTitle}: 2 new articles, 1 new timeline entry` });
    await value('follow.open', { id });
    expect(state.tabs.get(1)).toEqual(own);

    // The tab went on to another page: its badge (cleared by the browser) is not set again.
    tabUrls[1] = 'https://www.bbc.com/sport';
    state.tabs.delete(1);
    await value('library.import', { name: 'c.json', text: JSON.stringify([{ ...day(2, TAB_GROWING), id, articles: [...day(2, TAB_GROWING).articles, { outlet: 'X', title: 'One more', url: 'https://example.org/one-more' }] }]) });
    expect(state.global.text).toBe('+1');
    expect(state.tabs.has(1)).toBe(false);
  });

  it('a click on the notification opens the story in the popup page in a new tab and clears it; a story gone since opens nothing', async () => {
    const { r, state, value } = setUp({ notificationsAllowed: true });
    const first = { ...day(1), id: 'follow-click-test' };
    await value('library.import', { name: 'a.json', text: JSON.stringify([first]) });
    await value('follow.set', { id: first.id, follow: true });
    await value('follow.settings.set', { notify: true });
    await value('library.import', { name: 'b.json', text: JSON.stringify([{ ...day(2), id: first.id }]) });
    const [note] = state.notifications;
    expect(note?.id).toBe(`storylens-follow:${first.id}`);
    await r.openFollowed(note!.id);
    expect(state.opened).toEqual([`${OWN}src/popup/index.html#story=${first.id}`]);
    expect(state.cleared).toEqual([note!.id]);
    // A notification about a story gone since, or not about a followed story: nothing opens.
    await r.openFollowed('storylens-follow:no-such-story');
    await r.openFollowed('something-else');
    expect(state.opened).toHaveLength(1);
  });

  it('an import that replaces a followed story under a new id (shared article links): the follow moves with it and its news shows', async () => {
    const { state, value, browser } = setUp();
    const first = { ...day(1, MOVED_GROWING), id: 'follow-moved-old' };
    await value('library.import', { name: 'a.json', text: JSON.stringify([first]) });
    await value('follow.set', { id: first.id, follow: true });
    const grown = { ...day(2, MOVED_GROWING), id: 'follow-moved-new' };
    expect(await value('library.import', { name: 'b.json', text: JSON.stringify([grown]) })).toMatchObject({ replaced: 1 });
    const ids = await followedIds(browser);
    expect(ids.has(grown.id)).toBe(true);
    expect(ids.has(first.id)).toBe(false);
    expect(state.global.text).toMatch(/^\+\d+$/);
    expect(state.global.title).toContain(grown.title);
    const opened = await value('follow.open', { id: grown.id });
    expect(opened.followed).toBe(true);
    expect(opened.change?.articles.length).toBeGreaterThan(0);
  });

  it('following a story that is not in the library says so', async () => {
    const { send } = setUp();
    expect(await send('follow.set', { id: 'no-such-story', follow: true })).toEqual({ ok: false, error: 'That story is no longer in the library.' });
  });
});
