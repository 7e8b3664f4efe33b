/**
 * The message router: checks who is talking, validates the payload, and dispatches. Messages from
 * other extensions or from web pages are ignored; privileged types are answered only for the
 * extension's own pages.
 */
import type { Runtime } from 'webextension-polyfill';
import { isMatch, Matcher } from '../core/match/matcher';
import type { Story } from '../core/story/model';
import { err, ok, parseEnvelope, PROTOCOL, type Envelope, type MessageType, type Payload, type Response, type Role } from '../messages';
import type { Browser } from './browser';
import type { TabStore } from './tabs';

export interface RouterDeps {
  browser: Browser;
  tabs: TabStore;
  library: () => readonly Story[];
}

/** Who sent this: our content script, one of our pages, or nobody we talk to (null). */
export function senderRole(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): Role | null {
  if (sender.id !== ownId) return null;
  if (sender.url?.startsWith(ownOrigin) && (sender.tab === undefined || sender.tab.url?.startsWith(ownOrigin))) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}

const withoutHash = (u: string) => u.split('#', 1)[0];

export function createRouter(deps: RouterDeps) {
  const { browser, tabs, library } = deps;
  const ownOrigin = browser.runtime.getURL('');
  // Built on first use and kept while the background lives; rebuilt after a restart (it is fast).
  let matcher: Matcher | null = null;
  const getMatcher = () => (matcher ??= new Matcher(library()));

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
      const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      const state = id === undefined ? null : await tabs.get(id);
      const stories = library();
      const matched = state?.match ? stories.find((s) => s.id === state.match?.storyId) : undefined;
      return ok({ story: matched ?? stories[0] ?? null, match: matched ? (state?.match ?? null) : null, librarySize: stories.length });
    },

    async 'library.list'() {
      return ok(library().map((s) => ({ id: s.id, title: s.title, articleCount: s.articleCount })));
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
