/**
 * The message router: checks who is talking, validates the payload, and dispatches. Messages from
 * other extensions or from web pages are ignored; privileged types are answered only for the
 * extension's own pages.
 */
import type { Runtime } from 'webextension-polyfill';
import { isMatch, Matcher } from '../core/match/matcher';
import type { Story } from '../core/story/model';
import { err, ok, parseEnvelope, PROTOCOL, type Envelope, type MessageType, type PageKind, type Payload, type Response, type Role } from '../messages';
import { Lookup } from '../core/search/lookup';
import type { Dispute } from '../core/claims/types';
import type { Browser } from './browser';
import type { TabStore } from './tabs';

export interface RouterDeps {
  browser: Browser;
  tabs: TabStore;
  library: () => readonly Story[];
  /** The disputed claims of a story (the claims module; none until it is wired in). */
  disputes?: (story: Story) => Dispute[];
}

/** Who sent this: our content script, one of our pages, or nobody we talk to (null). */
export function senderRole(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): Role | null {
  if (sender.id !== ownId) return null;
  if (sender.url?.startsWith(ownOrigin) && (sender.tab === undefined || sender.tab.url?.startsWith(ownOrigin))) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}

const withoutHash = (u: string) => u.split('#', 1)[0];

const header = (s: Story) => ({ id: s.id, title: s.title, articleCount: s.articleCount, updated: s.updated ?? null });

/** Pages where no extension may read the content: browser pages, stores, the PDF viewer. */
export function pageKind(url: string | undefined): PageKind {
  if (!url) return 'unknown';
  if (/^(chrome|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|view-source|devtools|chrome-search|data|file|blob):/i.test(url)) return 'restricted';
  if (/^https?:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org|microsoftedge\.microsoft\.com\/addons)/i.test(url)) return 'restricted';
  if (/\.pdf([?#]|$)/i.test(url)) return 'restricted';
  return /^https?:/i.test(url) ? 'web' : 'restricted';
}

export function createRouter(deps: RouterDeps) {
  const { browser, tabs, library } = deps;
  const disputesOf = deps.disputes ?? (() => []);
  const ownOrigin = browser.runtime.getURL('');
  // Built on first use and kept while the background lives; rebuilt after a restart (it is fast).
  let matcher: Matcher | null = null;
  const getMatcher = () => (matcher ??= new Matcher(library()));
  let lookup: Lookup | null = null;
  const getLookup = () => (lookup ??= new Lookup(library()));

  async function setBadge(tabId: number, text: string, title: string): Promise<void> {
    try {
      await browser.action.setBadgeText({ tabId, text });
      if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1c2e5c' });
      await browser.action.setTitle({ tabId, title });
    } catch {
      // The tab closed while we were answering: nothing to badge.
    }
  }

  const handlers: { [K in MessageType]: (payload: Payload<K>, sender: Runtime.MessageSender) => Promise<Response<K>> } = {
    async 'page.seen'(meta, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return err('page.seen needs a tab');
      const result = getMatcher().match(meta);
      const match = isMatch(result) ? result : null;
      await tabs.set(tabId, { url: meta.url, match });
      if (match) await setBadge(tabId, '1', `Storylens: ${match.title}`);
      else await setBadge(tabId, '', 'Storylens');
      return ok({ matched: match !== null, storyId: match?.storyId ?? null, source: match?.source ?? null });
    },

    async 'tab.view'({ tabId }) {
      const tab = tabId === undefined ? (await browser.tabs.query({ active: true, currentWindow: true }))[0] : await browser.tabs.get(tabId).catch(() => undefined);
      const state = tab?.id === undefined ? null : await tabs.get(tab.id);
      const stories = library();
      const matched = state?.match ? stories.find((s) => s.id === state.match?.storyId) : undefined;
      return ok({
        story: matched ?? null,
        match: matched ? (state?.match ?? null) : null,
        librarySize: stories.length,
        page: pageKind(tab?.url),
        disputes: matched ? disputesOf(matched) : [],
      });
    },

    async 'library.list'() {
      return ok(library().map(header));
    },

    async 'library.search'({ query, limit }) {
      return ok(getLookup().search(query, limit ?? 20));
    },

    async 'library.recent'() {
      return ok(getLookup().recent(8));
    },

    async 'story.get'({ id }) {
      const story = library().find((s) => s.id === id);
      return ok(story ? { story, disputes: disputesOf(story) } : null);
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
     * The tab's URL changed. A new document (`newDocument`) runs the content script again by itself;
     * a single-page site changing its URL does not, so the content script is asked to read the page
     * again (the request goes nowhere on pages where it does not run).
     */
    async urlChanged(tabId: number, url: string, newDocument: boolean): Promise<void> {
      const state = await tabs.get(tabId);
      if (state && withoutHash(state.url) !== withoutHash(url)) {
        await tabs.clear(tabId);
        await setBadge(tabId, '', 'Storylens');
      }
      if (!newDocument && (!state || withoutHash(state.url) !== withoutHash(url))) {
        await browser.tabs.sendMessage(tabId, { type: 'page.changed' }).catch(() => undefined);
      }
    },
  };
}
