/**
 * The background's boundary, with an in-memory browser: who may send what (every message type ×
 * every kind of sender), payload validation, the page's real address, the typed background→tab
 * message, a tab's state shown only at its own address, and failures recorded instead of swallowed.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import type { Runtime } from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../src/background/browser';
import { errorLog, MAX_ERRORS } from '../../src/background/errors';
import { createRouter, pageKind, senderRole } from '../../src/background/router';
import { LibraryService } from '../../src/background/service';
import { tabStore } from '../../src/background/tabs';
import { importBytes } from '../../src/core/story/import';
import { PROTOCOL, type MessageType, type Role } from '../../src/messages';
import { REFERENCE_PATH } from './helpers';
import { findDisputes } from '../../src/core/claims/disputes';
import { importLibraryBytes } from '../../src/core/library/import';
import { uploadFile } from '../../src/options/upload';
import type { Send } from '../../src/client';

const MESSAGES = JSON.parse(readFileSync(new URL('../../_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
/** browser.i18n.getMessage over _locales/en: named placeholders to their $n, '' for an unknown key. */
function englishMessage(key: string, subs: string[]): string {
  const m = MESSAGES[key];
  if (!m) return '';
  return m.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    const n = Number(/^\$(\d)$/.exec(m.placeholders?.[name.toLowerCase()]?.content ?? '')?.[1]);
    return subs[n - 1] ?? '';
  });
}

const OWN_ID = 'ownextensionid';
const OWN = `chrome-extension://${OWN_ID}/`;

interface Recorded {
  badges: { tabId: number; text: string }[];
  titles: { tabId: number; title: string }[];
  scripts: { tabId: number; files?: string[]; args?: unknown[] }[];
  tabMessages: { tabId: number; message: unknown }[];
}

/** A storage area over a Map, with the get/set/remove the background uses. */
function memoryArea() {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys: string | string[]) {
      const out: Record<string, unknown> = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

function fakeBrowser(tabUrls: Record<number, string>, executeScript: (o: { target: { tabId: number }; files?: string[]; args?: unknown[] }) => Promise<unknown> = async () => []) {
  const recorded: Recorded = { badges: [], titles: [], scripts: [], tabMessages: [] };
  const browser = {
    runtime: { id: OWN_ID, getURL: (p: string) => `${OWN}${p}` },
    storage: { session: memoryArea(), local: memoryArea() },
    action: {
      async setBadgeText({ tabId, text }: { tabId: number; text: string }) {
        recorded.badges.push({ tabId, text });
      },
      async setBadgeBackgroundColor() {},
      async setTitle({ tabId, title }: { tabId: number; title: string }) {
        recorded.titles.push({ tabId, title });
      },
    },
    // The extension's own English messages, as browser.i18n gives them (placeholders filled in).
    i18n: { getMessage: (key: string, subs: string[] = []) => englishMessage(key, subs) },
    tabs: {
      async query() {
        return [{ id: 1, url: tabUrls[1] }];
      },
      async get(id: number) {
        if (!(id in tabUrls)) throw new Error(`No tab with id: ${id}.`);
        return { id, url: tabUrls[id] };
      },
      async sendMessage(tabId: number, message: unknown) {
        recorded.tabMessages.push({ tabId, message });
      },
    },
    scripting: {
      async executeScript(o: { target: { tabId: number }; files?: string[]; args?: unknown[] }) {
        recorded.scripts.push({ tabId: o.target.tabId, files: o.files, args: o.args });
        return executeScript(o);
      },
    },
    alarms: { async create() {}, async clear() {} },
    permissions: { async contains() { return false; } },
  };
  return { browser: browser as unknown as Browser, recorded };
}

let service: Promise<LibraryService>;
beforeAll(() => {
  service = LibraryService.start(importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH));
});
afterAll(async () => (await service).close());

function router(options: { tabUrls?: Record<number, string>; executeScript?: Parameters<typeof fakeBrowser>[1] } = {}) {
  const { browser, recorded } = fakeBrowser(options.tabUrls ?? { 1: 'https://www.bbc.com/news/articles/x' }, options.executeScript);
  const errors = errorLog(browser);
  const tabs = tabStore(browser);
  const fetchStub = (async () => new Response('not here', { status: 404 })) as typeof fetch;
  const r = createRouter({ browser, tabs, service: () => service, errors, fetch: fetchStub }, 'card.js');
  return { r, recorded, errors, tabs, browser };
}

const BBC_HEADLINE = 'Trump claims Putin agreed to week‑long pause on Ukrainian attacks amid extreme cold';
const CNN_URL = 'https://edition.cnn.com/2026/02/03/europe/some-article';

/** A valid payload for every message type (a new type without one fails to compile). */
const VALID: { [K in MessageType]: Record<string, unknown> } = {
  'page.seen': { url: CNN_URL, title: BBC_HEADLINE },
  'page.left': {},
  'tab.view': {},
  'library.list': {},
  'library.search': { query: 'ceasefire' },
  'library.recent': {},
  'claim.check': { text: 'Russia launched missiles' },
  'library.entries': {},
  'library.preview': { name: 'x.txt', text: '' },
  'library.import': { name: 'x.txt', text: '' },
  'upload.part': { id: 'u1', index: 0, bytes: '' },
  'upload.preview': { id: 'no-such-upload', name: 'x.json' },
  'upload.import': { id: 'no-such-upload', name: 'x.json' },
  'library.remove': { id: 'no-such-story' },
  'library.restore': {},
  'library.export': {},
  'feeds.list': {},
  'feeds.add': { url: 'https://feeds.example/stories.json' },
  'feeds.remove': { url: 'https://feeds.example/stories.json' },
  'feeds.sync': { url: 'https://feeds.example/stories.json' },
  'settings.get': {},
  'settings.set': { refreshMinutes: 60 },
  ping: {},
  'diagnostics.errors': {},
  'diagnostics.clear': {},
  'factchecks.list': {},
  'factchecks.remove': { id: 'no-such-check' },
  'story.get': { id: 'no-such-story' },
  'follow.open': { id: 'no-such-story' },
  'follow.set': { id: 'no-such-story', follow: false },
  'follow.settings.get': {},
  'follow.settings.set': { notify: false },
  'kagi.get': {},
  'kagi.categories': {},
  'kagi.set': { retentionDays: 30 },
  'kagi.sync': {},
};

/** Every kind of sender the browser can hand the listener, with the role it must get (null: ignored). */
const SENDERS: { name: string; sender: Runtime.MessageSender; role: Role | null }[] = [
  { name: 'the popup', sender: { id: OWN_ID, url: `${OWN}src/popup/index.html` }, role: 'extension' },
  { name: 'the options page in a tab', sender: { id: OWN_ID, url: `${OWN}src/options/index.html`, tab: { id: 7, url: `${OWN}src/options/index.html` } as never }, role: 'extension' },
  { name: 'our content script on a news page', sender: { id: OWN_ID, url: CNN_URL, tab: { id: 1, url: CNN_URL } as never }, role: 'content' },
  { name: 'our content script on any web page', sender: { id: OWN_ID, url: 'https://evil.example/', tab: { id: 1, url: 'https://evil.example/' } as never }, role: 'content' },
  { name: 'another extension', sender: { id: 'otherextension', url: 'chrome-extension://otherextension/popup.html' }, role: null },
  { name: 'another extension in a tab', sender: { id: 'otherextension', url: CNN_URL, tab: { id: 1, url: CNN_URL } as never }, role: null },
  { name: 'a web page (no extension id)', sender: { url: 'https://evil.example/', tab: { id: 1, url: 'https://evil.example/' } as never }, role: null },
  { name: 'our id from no page and no tab', sender: { id: OWN_ID }, role: null },
];

describe('sender roles', () => {
  it.each(SENDERS)('$name → $role', ({ sender, role }) => {
    expect(senderRole(sender, OWN_ID, OWN)).toBe(role);
  });
});

describe('the page kinds the popup is told about', () => {
  it.each([
    ['https://www.bbc.com/news/articles/x', 'web'],
    ['https://chromewebstore.google.com/detail/abc', 'restricted'],
    ['https://chrome.google.com/webstore/detail/abc', 'restricted'],
    ['https://addons.mozilla.org/en-US/firefox/addon/x/', 'restricted'],
    ['https://example.com/report.pdf', 'restricted'],
    ['https://example.com/report.PDF?download=1', 'restricted'],
    ['chrome://settings', 'restricted'],
    ['file:///home/me/a.html', 'restricted'],
    [undefined, 'unknown'],
  ] as const)('%s → %s', (url, kind) => {
    expect(pageKind(url)).toBe(kind);
  });
});

describe('every message type × every sender', () => {
  const cases = (Object.keys(PROTOCOL) as MessageType[]).flatMap((type) => SENDERS.map((s) => ({ type, ...s, allowed: PROTOCOL[type].from })));
  it.each(cases)('$type from $name', async ({ type, sender, role, allowed }) => {
    const { r } = router();
    const answer = r.receive({ type, payload: VALID[type] }, sender);
    if (role === null) {
      expect(answer).toBeUndefined();
      return;
    }
    const result = await answer;
    if (role !== allowed) {
      expect(result).toEqual({ ok: false, error: `${type} is not accepted from ${role}` });
      return;
    }
    // Accepted: whatever the handler says, it is not a refusal of the sender or of the payload.
    expect(result).toBeDefined();
    if (result && !result.ok) expect(result.error).not.toMatch(/is not accepted from|invalid .* payload|unknown message type/);
  });

  it('payloads are validated: a wrong field, an extra field, an oversized string, a non-object', async () => {
    const { r } = router();
    const popup = SENDERS[0]!.sender;
    const content = SENDERS[2]!.sender;
    expect(await r.receive({ type: 'library.search', payload: { query: 5 } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid library.search payload at query/) });
    expect(await r.receive({ type: 'library.remove', payload: { id: 'x', extra: 1 } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid library.remove payload/) });
    expect(await r.receive({ type: 'claim.check', payload: { text: 'x'.repeat(1001) } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid claim.check payload at text/) });
    expect(await r.receive({ type: 'page.seen', payload: { url: CNN_URL } }, content)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid page.seen payload at title/) });
    expect(await r.receive('page.seen', popup)).toEqual({ ok: false, error: 'message is not an object' });
    expect(await r.receive({ type: '__proto__', payload: {} }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown message type/) });
    expect(await r.receive({ type: 'toString', payload: {} }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown message type/) });
  });
});

describe('page.seen: the page is where the browser says it is', () => {
  const bbcSource = async (pageUrl: string, canonicalUrl: string | undefined) => {
    const { r, tabs } = router();
    const sender = { id: OWN_ID, url: pageUrl, tab: { id: 1, url: pageUrl } } as Runtime.MessageSender;
    const payload = { url: pageUrl, title: BBC_HEADLINE, ...(canonicalUrl ? { canonicalUrl } : {}) };
    const result = await r.receive({ type: 'page.seen', payload }, sender);
    return { result, state: await tabs.get(1) };
  };

  it('a BBC page with its own canonical link is BBC, source 6', async () => {
    const { result } = await bbcSource('https://www.bbc.com/news/articles/trump-putin-pause', 'https://www.bbc.com/news/articles/trump-putin-pause');
    expect(result).toMatchObject({ ok: true, value: { matched: true, source: 6 } });
  });

  it('a CNN page whose canonical link points at BBC is not BBC (source 6); its state keeps the CNN address', async () => {
    const { result, state } = await bbcSource(CNN_URL, 'https://www.bbc.com/news/articles/trump-putin-pause');
    expect(result?.ok).toBe(true);
    expect((result as { value: { source: number | null } }).value.source).not.toBe(6);
    expect(state?.url).toBe(CNN_URL);
    if (state?.match) expect(state.match.outlet).not.toBe('BBC');
  });

  it('the address the page reports is replaced by the frame’s real one', async () => {
    const { r, tabs } = router();
    const sender = { id: OWN_ID, url: `${CNN_URL}#top`, tab: { id: 1, url: CNN_URL } } as Runtime.MessageSender;
    await r.receive({ type: 'page.seen', payload: { url: 'https://www.bbc.com/news/articles/trump-putin-pause', title: BBC_HEADLINE } }, sender);
    expect((await tabs.get(1))?.url).toBe(CNN_URL);
  });

  it('after a single-page change, the top frame’s address is the tab’s (Chromium keeps the first one in sender.url)', async () => {
    const { r, tabs } = router();
    const sender = { id: OWN_ID, frameId: 0, url: 'https://edition.cnn.com/', tab: { id: 1, url: CNN_URL } } as Runtime.MessageSender;
    await r.receive({ type: 'page.seen', payload: { url: 'https://www.bbc.com/news/articles/trump-putin-pause', title: BBC_HEADLINE } }, sender);
    expect((await tabs.get(1))?.url).toBe(CNN_URL);
  });

  it('a content script sender without a web address (a PDF viewer, the store, no URL) is refused', async () => {
    const { r } = router();
    for (const url of ['https://chromewebstore.google.com/detail/x', 'https://example.com/a.pdf', 'chrome://newtab/', undefined]) {
      const sender = { id: OWN_ID, url, tab: { id: 1, url } } as Runtime.MessageSender;
      expect(await r.receive({ type: 'page.seen', payload: { url: CNN_URL, title: BBC_HEADLINE } }, sender)).toMatchObject({ ok: false });
    }
  });
});

describe('background → tab', () => {
  it('checkClaimInTab injects the card and sends it a typed verdict.show', async () => {
    const { r, recorded } = router();
    const verdict = await r.checkClaimInTab(1, '  Russia launched   missiles ');
    expect(recorded.scripts).toEqual([{ tabId: 1, files: ['card.js'], args: undefined }]);
    expect(recorded.tabMessages).toEqual([{ tabId: 1, message: { type: 'verdict.show', verdict, claim: 'Russia launched missiles' } }]);
  });

  it('a page that cannot be scripted is expected (not recorded); any other failure is recorded', async () => {
    const refused = router({ executeScript: async () => Promise.reject(new Error('Cannot access contents of url "chrome://newtab/".')) });
    await refused.r.checkClaimInTab(1, 'Russia launched missiles');
    expect(await refused.errors.list()).toEqual([]);
    const broken = router({ executeScript: async () => Promise.reject(new Error('Something unexpected')) });
    await broken.r.checkClaimInTab(1, 'Russia launched missiles');
    await vi.waitFor(async () => expect(await broken.errors.list()).toMatchObject([{ where: 'card.show', message: 'Something unexpected' }]));
    const popup = SENDERS[0]!.sender;
    expect(await broken.r.receive({ type: 'diagnostics.errors', payload: {} }, popup)).toMatchObject({ ok: true, value: [{ where: 'card.show' }] });
    expect(await broken.r.receive({ type: 'diagnostics.clear', payload: {} }, popup)).toEqual({ ok: true, value: { cleared: true } });
    expect(await broken.errors.list()).toEqual([]);
  });
});

describe('a tab that moves on', () => {
  const content = (url: string) => ({ id: OWN_ID, url, tab: { id: 1, url } }) as Runtime.MessageSender;
  const popup = SENDERS[0]!.sender;
  const BBC = 'https://www.bbc.com/news/articles/trump-putin-pause';

  it('page.left (a single-page site left its article view) clears the tab’s state and badge', async () => {
    const { r, tabs, recorded } = router({ tabUrls: { 1: BBC } });
    expect(await r.receive({ type: 'page.seen', payload: { url: BBC, title: BBC_HEADLINE } }, content(BBC))).toMatchObject({ ok: true, value: { matched: true } });
    // The badge counts the story's disputed claims, and its tooltip says so.
    const disputes = findDisputes(importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH)[0]!).length;
    expect(disputes).toBeGreaterThan(1);
    expect(recorded.badges.at(-1)).toEqual({ tabId: 1, text: String(disputes) });
    expect(recorded.titles.at(-1)?.title).toContain(`the story has ${disputes} disputed claims`);
    expect(await r.receive({ type: 'page.left', payload: {} }, content(`${BBC}/live`))).toEqual({ ok: true, value: { cleared: true } });
    expect(await tabs.get(1)).toBeNull();
    expect(recorded.badges.at(-1)).toEqual({ tabId: 1, text: '' });
  });

  it('the popup shows a tab’s match and checked claim only at the address they were made at', async () => {
    const tabUrls: Record<number, string> = { 1: BBC };
    const { r } = router({ tabUrls });
    await r.receive({ type: 'page.seen', payload: { url: BBC, title: BBC_HEADLINE } }, content(BBC));
    await r.checkClaimInTab(1, 'Russia launched missiles');
    const here = await r.receive({ type: 'tab.view', payload: { tabId: 1 } }, popup);
    expect(here).toMatchObject({ ok: true, value: { tabId: 1, match: { source: 6 }, verdict: { claim: 'Russia launched missiles' } } });
    // Same document, another fragment: still the article.
    tabUrls[1] = `${BBC}#comments`;
    expect(await r.receive({ type: 'tab.view', payload: { tabId: 1 } }, popup)).toMatchObject({ ok: true, value: { match: { source: 6 } } });
    // A new document that is not an article (its content script says nothing): nothing kept is shown.
    tabUrls[1] = 'https://www.bbc.com/sport';
    expect(await r.receive({ type: 'tab.view', payload: { tabId: 1 } }, popup)).toMatchObject({ ok: true, value: { match: null, story: null, verdict: null } });
  });

  it('a closed tab’s state is dropped', async () => {
    const { r, tabs } = router({ tabUrls: { 1: BBC } });
    await r.receive({ type: 'page.seen', payload: { url: BBC, title: BBC_HEADLINE } }, content(BBC));
    expect(await tabs.get(1)).not.toBeNull();
    await r.tabRemoved(1);
    expect(await tabs.get(1)).toBeNull();
  });
});

describe('the error log', () => {
  it('keeps the newest records, at most MAX_ERRORS, messages clipped; non-Error values too', async () => {
    const { browser } = fakeBrowser({});
    const log = errorLog(browser, () => new Date('2026-02-01T00:00:00Z'));
    for (let i = 0; i < MAX_ERRORS + 5; i++) void log.report('alarm.feeds', new Error(`failure ${i}`));
    await log.report('x', 'a string');
    await log.report('y', { code: 7 });
    await log.report('z', new Error('x'.repeat(10_000)));
    const list = await log.list();
    expect(list).toHaveLength(MAX_ERRORS);
    expect(list.at(-3)).toEqual({ at: '2026-02-01T00:00:00.000Z', where: 'x', message: 'a string' });
    expect(list.at(-2)?.message).toBe('{"code":7}');
    expect(list.at(-1)?.message).toHaveLength(500);
    expect(list[0]?.message).toBe('failure 8');
  });
});

describe('a file sent in parts (options page → upload.part, upload.preview, upload.import)', () => {
  const popup = { id: OWN_ID, url: `${OWN}src/options/index.html` };
  const sendVia = (r: ReturnType<typeof router>['r']): Send => ((type: MessageType, payload: unknown) => r.receive({ type, payload }, popup)) as unknown as Send;
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };

  it('the reference story, sent by the options page’s uploader, previews and imports as the same text would', async () => {
    const { r } = router();
    const bytes = readFileSync(REFERENCE_PATH);
    const up = await uploadFile(sendVia(r), new Blob([bytes]));
    if (!up.ok) throw new Error(up.error);
    const preview = await r.receive({ type: 'upload.preview', payload: { id: up.value, name: 'story.txt' } }, popup);
    const byText = await r.receive({ type: 'library.preview', payload: { name: 'story.txt', text: bytes.toString('utf8') } }, popup);
    expect(preview).toEqual(byText);
    expect(preview).toMatchObject({ ok: true, value: { stories: [expect.objectContaining({ title: expect.stringContaining('Ukraine') })] } });
    expect(await r.receive({ type: 'upload.import', payload: { id: up.value, name: 'story.txt' } }, popup)).toMatchObject({ ok: true });
    // Imported once: the upload is gone.
    expect(await r.receive({ type: 'upload.import', payload: { id: up.value, name: 'story.txt' } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^story\.txt: the file is no longer here/) });
  });

  it('parts are joined in order and decoded strictly: invalid UTF-8 and UTF-16 get the CLI’s errors', async () => {
    const { r } = router();
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const text = new TextEncoder().encode(readFileSync(REFERENCE_PATH, 'utf8'));
    const bad = new Uint8Array([...text.subarray(0, 5000), 0xff, ...text.subarray(5000)]);
    for (const [i, part] of [bad.subarray(0, 4000), bad.subarray(4000, 9000), bad.subarray(9000)].entries()) {
      expect(await r.receive({ type: 'upload.part', payload: { id: 'bad', index: i, bytes: b64(part) } }, popup)).toMatchObject({ ok: true });
    }
    const got = await r.receive({ type: 'upload.preview', payload: { id: 'bad', name: 'bad.txt' } }, popup);
    expect(got).toEqual({ ok: false, error: errorOf(() => importLibraryBytes(bad, 'bad.txt')) });
    expect(got).toMatchObject({ error: expect.stringMatching(/not valid UTF-8 \(at byte offset 5000\)/) });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'Title'].map((c) => c.charCodeAt(0))).buffer)]);
    await r.receive({ type: 'upload.part', payload: { id: 'wide', index: 0, bytes: b64(utf16) } }, popup);
    expect(await r.receive({ type: 'upload.preview', payload: { id: 'wide', name: 'wide.txt' } }, popup)).toEqual({ ok: false, error: errorOf(() => importLibraryBytes(utf16, 'wide.txt')) });
  });

  it('a part out of order, an unknown upload and a part that is not base64 are refused', async () => {
    const { r } = router();
    expect(await r.receive({ type: 'upload.part', payload: { id: 'x', index: 1, bytes: 'AAAA' } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/out of order/) });
    await r.receive({ type: 'upload.part', payload: { id: 'x', index: 0, bytes: 'AAAA' } }, popup);
    expect(await r.receive({ type: 'upload.part', payload: { id: 'x', index: 2, bytes: 'AAAA' } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/out of order/) });
    expect(await r.receive({ type: 'upload.part', payload: { id: 'y', index: 0, bytes: '%%%' } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/not base64/) });
    expect(await r.receive({ type: 'upload.preview', payload: { id: 'never', name: 'n.json' } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^n\.json: the file is no longer here/) });
    expect(await r.receive({ type: 'upload.part', payload: { id: 'x', index: 0, bytes: 'A'.repeat(6_000_000) } }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid upload.part payload at bytes/) });
  });
});

describe('Kagi News through the router', () => {
  it('kagi.sync without the host permission fetches nothing, records why and schedules the retry; kagi.set off clears the alarm', async () => {
    const { browser } = fakeBrowser({});
    const alarms: { created: [string, { when?: number }][]; cleared: string[] } = { created: [], cleared: [] };
    (browser as unknown as { alarms: unknown }).alarms = {
      async create(name: string, info: { when?: number }) {
        alarms.created.push([name, info]);
      },
      async clear(name: string) {
        alarms.cleared.push(name);
        return true;
      },
    };
    let fetched = 0;
    const fetchStub = (async () => {
      fetched++;
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const svc = await LibraryService.start([], { dbName: 'storylens-router-kagi' });
    try {
      const r = createRouter({ browser, tabs: tabStore(browser), service: async () => svc, errors: errorLog(browser), fetch: fetchStub }, 'card.js');
      const page = SENDERS[1]!.sender;
      expect(await r.receive({ type: 'kagi.set', payload: { enabled: true } }, page)).toMatchObject({ ok: true, value: { enabled: true, categories: ['World'] } });
      expect(alarms.created.map(([name]) => name)).toEqual(['storylens-kagi']);
      // The browser does not grant kite.kagi.com (the fake's permissions.contains answers false).
      const categories = await r.receive({ type: 'kagi.categories', payload: {} }, page);
      expect(categories).toMatchObject({ ok: false, error: expect.stringMatching(/may not read kite\.kagi\.com/) });
      const synced = await r.receive({ type: 'kagi.sync', payload: {} }, page);
      expect(synced).toMatchObject({ ok: true, value: { status: { error: expect.stringMatching(/may not read kite\.kagi\.com/) } } });
      expect(fetched).toBe(0);
      const retry = alarms.created.at(-1)?.[1].when ?? 0;
      expect(retry - Date.now()).toBeGreaterThan(10 * 60_000);
      expect(retry - Date.now()).toBeLessThan(20 * 60_000);
      expect(await r.receive({ type: 'kagi.set', payload: { enabled: false } }, page)).toMatchObject({ ok: true, value: { enabled: false, status: { nextRun: null } } });
      expect(alarms.cleared).toEqual(['storylens-kagi']);
      // From a content script: refused whatever it asks.
      expect(await r.receive({ type: 'kagi.set', payload: { enabled: true } }, SENDERS[2]!.sender)).toEqual({ ok: false, error: 'kagi.set is not accepted from content' });
    } finally {
      svc.close();
    }
  });
});
