/**
 * The message router: checks who is talking, validates the payload, and dispatches. Messages from
 * other extensions or from web pages are ignored; privileged types are answered only for the
 * extension's own pages.
 */
import type { Runtime } from 'webextension-polyfill';
import { withoutHash } from '../core/match/address';
import { isMatch } from '../core/match/matcher';
import type { Library } from '../core/library';
import type { LibraryIndex, LibraryService } from './service';
import { storyExcerpt } from '../core/story/excerpt';
import { storyHeader } from '../core/story/model';
import { err, ok, parseEnvelope, PROTOCOL, tabMessage, type Envelope, type MessageType, type PageKind, type Payload, type Response, type Role } from '../messages';
import type { Verdict } from '../core/claims/check';
import type { Browser } from './browser';
import { isExpectedTabRefusal, type ErrorLog } from './errors';
import type { TabStore } from './tabs';
import { pageAtRealAddress } from './page-origin';
import { Uploads } from './uploads';
import { pause } from './pause';
import { badgeFor, type BadgeInput } from './badge';
import { followStore, type FollowedChange } from './follows';
import { describeChange } from '../core/library/changes';
import { kagiPermitted, scheduleKagi } from './kagi';
import type { KagiView } from '../messages';

/** A notification about a followed story is named by this prefix and the story's id. */
const FOLLOW_NOTIFICATION = 'storylens-follow:';
/** The popup's page; opened in a tab with `#story=ID` it shows that story. */
const POPUP_PAGE = 'src/popup/index.html';

export interface RouterDeps {
  browser: Browser;
  tabs: TabStore;
  /** The library service (stored library and its indexes), started on first use. */
  service: () => Promise<LibraryService>;
  /** fetch, for feeds (injected so tests can serve feeds locally). */
  fetch: typeof fetch;
  /** Where failures nobody else sees are recorded. */
  errors: ErrorLog;
}


/** Who sent this: our content script, one of our pages, or nobody we talk to (null). */
export function senderRole(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): Role | null {
  if (sender.id !== ownId) return null;
  if (sender.url?.startsWith(ownOrigin) && (sender.tab === undefined || sender.tab.url?.startsWith(ownOrigin))) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}

/** The alarm that refreshes feeds. */
export const FEED_ALARM = 'storylens-feeds';

/** Pages where no extension may read the content: browser pages, stores, the PDF viewer. */
export function pageKind(url: string | undefined): PageKind {
  if (!url) return 'unknown';
  if (/^(chrome|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|view-source|devtools|chrome-search|data|file|blob):/i.test(url)) return 'restricted';
  if (/^https?:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org|microsoftedge\.microsoft\.com\/addons)/i.test(url)) return 'restricted';
  if (/\.pdf([?#]|$)/i.test(url)) return 'restricted';
  return /^https?:/i.test(url) ? 'web' : 'restricted';
}

export function createRouter(deps: RouterDeps, cardScript = 'card.js') {
  const { browser, tabs, service, errors } = deps;
  const library = async (): Promise<Library> => (await (await service()).ready()).library;
  /** The library with the index a question needs built (in steps, the first time in a worker's life). */
  const indexed = async (index: LibraryIndex): Promise<Library> => (await service()).indexed(index);
  const ownOrigin = browser.runtime.getURL('');
  /** Files the options page sends in parts (uploads.ts). */
  const uploads = new Uploads();

  /** The stories the reader follows (follows.ts). */
  const follows = followStore(browser);
  /** A followed story as it is now, and its disputed claims (the library caches them). */
  const current = async (id: string) => {
    const svc = await service();
    const story = await svc.story(id);
    return story ? { story, disputes: await svc.library.disputesInSteps(story, pause) } : undefined;
  };
  /** Followed stories' unseen changes; a storage failure is recorded and costs only the mark. */
  const followedNews = (): Promise<FollowedChange[]> => follows.changed().catch((e: unknown) => (void errors.report('follows.read', e), []));

  /** The news the button shows (null: not set since the background started). */
  let shownNews: string | null = null;
  /**
   * The followed stories' news on the button: its global state (what a tab without a story of its
   * own shows), and the tooltip of each tab that shows its story's badge, so no tooltip keeps news
   * the reader has seen.
   */
  async function setGlobalBadge(changed: readonly FollowedChange[]): Promise<void> {
    // Every import and sync ends here: the tabs are gone through only when the news changed.
    const news = JSON.stringify(changed);
    if (news === shownNews) return;
    const badge = badgeFor({ story: null, followed: changed }, (key, subs) => browser.i18n.getMessage(key, subs));
    await browser.action.setTitle({ title: badge.title });
    if (badge.text) await browser.action.setBadgeBackgroundColor({ color: badge.color });
    await browser.action.setBadgeText({ text: badge.text });
    for (const tab of await browser.tabs.query({})) {
      if (tab.id === undefined || tab.url === undefined) continue;
      const state = await tabs.get(tab.id);
      // Only at the address the story was matched at: the browser cleared the badge of a tab that moved on.
      if (!state?.match || withoutHash(state.url) !== withoutHash(tab.url)) continue;
      const svc = await service();
      const story = await svc.story(state.match.storyId);
      await setBadge(tab.id, { story: { title: state.match.title, disputes: story ? (await svc.library.disputesInSteps(story, pause)).length : 0 }, followed: changed });
    }
    shownNews = news; // only once all is shown: a failure is tried again next time
  }

  /** A notification per followed story whose changes grew, when the reader turned them on and the browser allows it. */
  async function notify(announce: readonly FollowedChange[]): Promise<void> {
    if (announce.length === 0 || !(await follows.settings()).notify) return;
    // The permission is optional: the reader may have taken it back in the browser's settings.
    if (!browser.notifications || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
    for (const a of announce) {
      await browser.notifications.create(`${FOLLOW_NOTIFICATION}${a.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('icons/icon-128.png'),
        title: a.title,
        message: `${describeChange(a.counts)}. Open Storylens on the story to see what is new.`,
      });
    }
  }

  /**
   * Compares the followed stories with what the reader has seen, after anything that may have
   * changed them (an import, a feed sync): the badge shows it, and a notification when turned on.
   * Never fails the change itself: a failure is recorded.
   */
  async function checkFollowed(): Promise<void> {
    try {
      const { changed, announce } = await follows.check(current);
      await setGlobalBadge(changed);
      await notify(announce);
    } catch (e) {
      await errors.report('follows.check', e);
    }
  }
  /** Imports a file; a followed story it replaced under a new id stays followed under that id. */
  async function importFile(name: string, text: string): Promise<{ added: number; replaced: number; factChecks: number }> {
    const { moved, ...done } = await (await (await service()).ready()).import(name, text);
    // The import is stored whatever happens here: a follow that cannot be moved is recorded, not the import's failure.
    if (moved.length > 0) await follows.moved(moved).catch((e: unknown) => errors.report('follows.moved', e));
    return done;
  }
  /** `work`, then the followed stories checked. */
  const thenCheckFollowed = async <T>(work: Promise<T>): Promise<T> => {
    const done = await work;
    await checkFollowed();
    return done;
  };

  /**
   * A Kagi News sync (the reader's "Sync now" or the alarm): without the host permission (the reader
   * may have taken it back in the browser) nothing is fetched and the run is recorded as failed;
   * then the next run is scheduled and the followed stories checked.
   */
  async function syncKagi(): Promise<KagiView> {
    const svc = await (await service()).ready();
    const view = (await kagiPermitted(browser, svc.kagiBaseUrl()))
      ? await svc.syncKagi(deps.fetch)
      : await svc.kagiFailed('Storylens may not read kite.kagi.com: allow it again in the options page (Kagi News).');
    await scheduleKagi(browser, view);
    await checkFollowed();
    return view;
  }

  /** Shows the tab's badge (see badge.ts for what it says). */
  async function setBadge(tabId: number, input: BadgeInput): Promise<void> {
    const badge = badgeFor({ ...input, followed: input.followed ?? (await followedNews()) }, (key, subs) => browser.i18n.getMessage(key, subs));
    try {
      // Tooltip and colour first: once the text shows, what it means is there too.
      await browser.action.setTitle({ tabId, title: badge.title });
      if (badge.text) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await browser.action.setBadgeText({ tabId, text: badge.text });
    } catch {
      // The tab closed while we were answering: nothing to badge.
    }
  }

  const handlers: { [K in MessageType]: (payload: Payload<K>, sender: Runtime.MessageSender) => Promise<Response<K>> } = {
    async 'page.seen'(meta, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return err('page.seen needs a tab');
      // Chromium keeps a frame's first address in sender.url after the page's pushState; the tab's
      // URL is current, and both come from the browser, not the page.
      const address = sender.frameId === 0 && sender.tab?.url ? sender.tab.url : sender.url;
      // Content scripts never run in the store or the PDF viewer: such a sender is not what it says.
      const page = pageKind(address) === 'web' ? pageAtRealAddress(meta, address) : null;
      if (page === null) return err('page.seen needs a web page');
      const lib = await indexed('matcher');
      const result = lib.match(page);
      const match = isMatch(result) ? result : null;
      await tabs.set(tabId, { url: page.url, match });
      // The disputes are computed here, once per story (the library caches them): the popup then finds them ready.
      const story = match ? lib.get(match.storyId) : undefined;
      await setBadge(tabId, { story: match ? { title: match.title, disputes: story ? (await lib.disputesInSteps(story, pause)).length : 0 } : null });
      return ok({ matched: match !== null, storyId: match?.storyId ?? null, source: match?.source ?? null });
    },

    async 'page.left'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return err('page.left needs a tab');
      const had = (await tabs.get(tabId)) !== null;
      await tabs.clear(tabId);
      await setBadge(tabId, { story: null });
      return ok({ cleared: had });
    },

    async 'tab.view'({ tabId }) {
      const tab = tabId === undefined ? (await browser.tabs.query({ active: true, currentWindow: true }))[0] : await browser.tabs.get(tabId).catch(() => undefined); // a closed tab: nothing to show
      // What was kept for the tab is for the address it was kept at: after the tab went on to
      // another document (whose content script found no article), it is not shown.
      const here = (url: string | undefined) => tab?.url === undefined || url === undefined || withoutHash(url) === withoutHash(tab.url);
      // The popup waits for this answer: the reads that do not depend on each other run together.
      const [kept, checked, svc] = await Promise.all([tab?.id === undefined ? null : tabs.get(tab.id), tab?.id === undefined ? null : tabs.getVerdict(tab.id), service()]);
      const state = kept && here(kept.url) ? kept : null;
      // Only the tab's story is read: the whole library need not be loaded to show it.
      const [matched, librarySize] = await Promise.all([state?.match ? svc.story(state.match.storyId) : undefined, svc.size()]);
      // What the popup is sent of the story: bounded, since the message is serialized in one go.
      const shown = matched ? storyExcerpt(matched) : null;
      return ok({
        tabId: tab?.id ?? null,
        story: shown?.story ?? null,
        cut: shown?.cut ?? false,
        match: matched ? (state?.match ?? null) : null,
        librarySize,
        page: pageKind(tab?.url),
        disputes: matched ? await svc.library.disputesInSteps(matched, pause) : [],
        verdict: checked && here(checked.url) ? { claim: checked.claim, verdict: checked.verdict } : null,
      });
    },

    async 'library.list'() {
      return ok((await library()).stories().map(storyHeader));
    },

    async 'library.search'({ query, limit }) {
      return ok((await indexed('lookup')).search(query, limit ?? 20));
    },

    async 'library.recent'() {
      return ok((await indexed('lookup')).recent(8));
    },

    async 'story.get'({ id }) {
      const lib = await library();
      const story = lib.get(id);
      if (!story) return ok(null);
      // What the popup is sent of the story: bounded, since the message is serialized in one go.
      return ok({ ...storyExcerpt(story), disputes: await lib.disputesInSteps(story, pause) });
    },

    async 'claim.check'({ text }) {
      return ok((await indexed('matcher')).check(text));
    },

    async 'library.entries'() {
      return ok((await (await service()).ready()).entries());
    },
    async 'library.preview'({ name, text }) {
      return ok(await (await service()).ready().then((svc) => svc.preview(name, text)));
    },
    async 'library.import'({ name, text }) {
      return ok(await thenCheckFollowed(importFile(name, text)));
    },
    async 'upload.part'({ id, index, bytes }) {
      return ok({ bytes: uploads.add(id, index, bytes) });
    },
    async 'upload.preview'({ id, name }) {
      const text = uploads.text(id, name);
      return ok(await (await service()).ready().then((svc) => svc.preview(name, text)));
    },
    async 'upload.import'({ id, name }) {
      const text = uploads.text(id, name);
      const done = await thenCheckFollowed(importFile(name, text));
      uploads.drop(id);
      return ok(done);
    },
    async 'library.remove'({ id }) {
      return ok({ removed: await (await (await service()).ready()).remove(id) });
    },
    async 'factchecks.list'() {
      return ok((await (await service()).ready()).listFactChecks());
    },
    async 'factchecks.remove'({ id }) {
      return ok({ removed: await (await (await service()).ready()).removeFactCheck(id) });
    },
    async 'library.restore'() {
      return ok({ restored: await (await (await service()).ready()).restoreBuiltins() });
    },
    async 'library.export'() {
      return ok((await (await service()).ready()).exportAll());
    },
    async 'feeds.list'() {
      return ok(await (await service()).feeds());
    },
    async 'feeds.add'({ url }) {
      return ok(await thenCheckFollowed((await (await service()).ready()).addFeed(url, deps.fetch)));
    },
    async 'feeds.remove'({ url }) {
      return ok({ removed: await (await (await service()).ready()).removeFeed(url) });
    },
    async 'feeds.sync'({ url }) {
      return ok(await thenCheckFollowed((await (await service()).ready()).syncFeeds(deps.fetch, url, true)));
    },
    async ping() {
      return ok({ at: Date.now() });
    },
    async 'diagnostics.errors'() {
      return ok(await errors.list());
    },
    async 'diagnostics.clear'() {
      await errors.clear();
      return ok({ cleared: true as const });
    },
    async 'settings.get'() {
      return ok({ refreshMinutes: (await service()).getSettings().refreshMinutes });
    },
    async 'settings.set'({ refreshMinutes }) {
      const svc = await service();
      await svc.saveSettings({ ...svc.getSettings(), refreshMinutes });
      await browser.alarms.create(FEED_ALARM, { periodInMinutes: Math.min(refreshMinutes, 60) });
      return ok({ refreshMinutes });
    },
    async 'kagi.get'() {
      return ok(await (await (await service()).ready()).kagiView());
    },
    async 'kagi.categories'() {
      const svc = await service();
      if (!(await kagiPermitted(browser, svc.kagiBaseUrl()))) return err('Storylens may not read kite.kagi.com yet: allow it first.');
      return ok(await svc.kagiCategories(deps.fetch));
    },
    async 'kagi.set'(change) {
      const view = await (await service()).setKagi(change);
      await scheduleKagi(browser, view);
      // Stories a dropped category gave up may be followed ones: their state is shown again.
      await checkFollowed();
      return ok(view);
    },
    async 'kagi.sync'() {
      return ok(await syncKagi());
    },
    async 'follow.open'({ id }) {
      const now = await current(id);
      const look = now ? await follows.look(now.story, now.disputes, new Date()) : null;
      // Seen now: the button no longer shows this story's news.
      if (look) await setGlobalBadge(await followedNews());
      return ok({ followed: look !== null, change: look?.change ?? null, since: look?.since ?? null });
    },
    async 'follow.set'({ id, follow }) {
      if (!follow) {
        await follows.unfollow(id);
        await setGlobalBadge(await followedNews());
        return ok({ followed: false, change: null, since: null });
      }
      const now = await current(id);
      if (!now) return err('That story is no longer in the library.');
      const record = await follows.follow(now.story, now.disputes, new Date());
      return ok({ followed: true, change: null, since: record.seenAt });
    },
    async 'follow.settings.get'() {
      return ok(await follows.settings());
    },
    async 'follow.settings.set'({ notify }) {
      if (notify && !(await browser.permissions.contains({ permissions: ['notifications'] }))) return err('The browser has not allowed Storylens to show notifications.');
      await follows.saveSettings({ notify });
      return ok({ notify });
    },
  };

  return {
    /** The onMessage listener body. Returns undefined (no answer) for senders we do not talk to. */
    receive(raw: unknown, sender: Runtime.MessageSender): Promise<Response<MessageType>> | undefined {
      const role = senderRole(sender, browser.runtime.id, ownOrigin);
      if (role === null) return undefined;
      const parsed = parseEnvelope(raw);
      if (!parsed.ok) return Promise.resolve(parsed);
      const envelope: Envelope = parsed.value;
      if (PROTOCOL[envelope.type].from !== role) return Promise.resolve(err(`${envelope.type} is not accepted from ${role}`));
      const handler = handlers[envelope.type] as (p: unknown, s: Runtime.MessageSender) => Promise<Response<MessageType>>;
      return handler(envelope.payload, sender).catch((e: unknown) => err(e instanceof Error ? e.message : String(e)));
    },

    /**
     * Check claim, from the context menu or the keyboard command: the verdict is kept for the popup
     * and shown in a card in the page (the card script is injected under the activeTab grant).
     */
    async checkClaimInTab(tabId: number, text: string): Promise<Verdict> {
      const claim = text.replace(/\s+/g, ' ').trim().slice(0, 1000);
      const verdict = (await indexed('matcher')).check(claim);
      const url = (await browser.tabs.get(tabId).catch(() => undefined))?.url; // a closed tab: no address
      await tabs.setVerdict(tabId, { claim, verdict, ...(url === undefined ? {} : { url }) });
      try {
        await browser.scripting.executeScript({ target: { tabId }, files: [cardScript] });
        await browser.tabs.sendMessage(tabId, tabMessage('verdict.show', { verdict, claim }));
      } catch (e) {
        // Pages no extension may script (browser pages, the web store): the popup still shows it.
        if (!isExpectedTabRefusal(e)) void errors.report('card.show', e);
      }
      return verdict;
    },

    /** After a change nobody asked for through a message (the feed alarm): the followed stories checked. */
    checkFollowed,

    /**
     * The reader clicked a notification about a followed story: the story opens in the popup's page
     * in a new tab (a notification cannot open the toolbar popup in every browser), where "New since
     * you last looked" lists what it gained. A story gone since, or another notification, opens nothing.
     */
    async openFollowed(notificationId: string): Promise<void> {
      if (!notificationId.startsWith(FOLLOW_NOTIFICATION)) return;
      const id = notificationId.slice(FOLLOW_NOTIFICATION.length);
      await browser.notifications.clear(notificationId);
      if (!(await (await service()).story(id))) return;
      await browser.tabs.create({ url: `${browser.runtime.getURL(POPUP_PAGE)}#${new URLSearchParams({ story: id }).toString()}` });
    },

    /** The Kagi alarm's run: sync, schedule the next, check followed stories. */
    syncKagi,

    /** The tab closed: nothing of it is kept. */
    async tabRemoved(tabId: number): Promise<void> {
      await tabs.clear(tabId);
    },
  };
}
