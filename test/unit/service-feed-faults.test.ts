/**
 * The feed and import faults of issue 12, against the library service (IndexedDB through
 * fake-indexeddb): a feed never overwrites the reader's story; one feed's storage failure is kept on
 * that feed while the others sync; an import's stories and fact-checks are one transaction.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryService } from '../../src/background/service';
import { exportLibrary, importLibraryText } from '../../src/core/library/import';
import type { Story } from '../../src/core/story/model';
import { canonicalStory, CLAIMREVIEW_FEED, GOOD_FEED, ROUTES, startFeedServer, type FeedServer } from '../support/feed-server';
import { builtin, libraryServices } from './library-service-harness';

/** The services' clock: retention is tested by moving it on. */
let clock = Date.parse('2026-02-01T12:00:00Z');
const { start, wipe } = libraryServices({ now: () => new Date(clock) });

let server: FeedServer;
let svc: LibraryService;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await wipe();
  svc = await start();
});

describe('feeds and the reader’s stories', () => {
  it("a feed listing the id of the reader's imported story does not overwrite it, now or after a restart", async () => {
    const [first] = JSON.parse(GOOD_FEED) as Story[];
    const mine = canonicalStory(first!.id, 'My own notes', 'Written by the reader.');
    await svc.import('mine.json', JSON.stringify(mine));
    await svc.addFeed(server.url(ROUTES.good), fetch);
    expect(svc.library.get(first!.id)?.title).toBe('My own notes');
    expect(svc.entries().find((e) => e.id === first!.id)?.origin).toBe('import');
    const restarted = await start();
    expect(restarted.library.get(first!.id)?.title).toBe('My own notes');
  });

  it('a feed listing the built-in id does not replace the built-in story', async () => {
    const ref = builtin()[0]!;
    server.publish(JSON.stringify([canonicalStory(ref.id, 'Taken over', 'Not the built-in story.')]));
    await svc.addFeed(server.url(ROUTES.feed), fetch);
    expect(svc.library.get(ref.id)?.title).toBe(ref.title);
  });
});

describe('two feeds sharing a story id', () => {
  it("do not remove each other's story: once neither lists it, it stays for the retention period, then goes (also after a restart)", async () => {
    const shared = canonicalStory('shared-story', 'A story two feeds list', 'Both feeds list it.');
    server.publish(JSON.stringify([shared]));
    const a = server.url(ROUTES.feed);
    await svc.addFeed(a, fetch);
    // The second feed: the first one's URL with a query (the test server routes by path).
    const b = `${a}?second`;
    await svc.addFeed(b, fetch);
    server.publish(JSON.stringify([canonicalStory('other-story', 'Something else', 'Else.')]));
    // Feed b (the last to write it) drops it; feed a's last good copy still lists it.
    await svc.syncFeeds(fetch, b);
    expect(svc.library.get('shared-story')).toBeDefined();
    expect((await start()).library.get('shared-story')).toBeDefined();
    await svc.syncFeeds(fetch, a);
    // Neither feed lists it: unlisted, kept for the retention period (30 days by default).
    expect(svc.holding('shared-story')).toMatchObject({ origins: [], unlistedSince: new Date(clock).toISOString() });
    expect((await start()).library.get('shared-story')).toBeDefined();
    clock += 29 * 86_400_000;
    expect(await svc.expire()).toEqual([]);
    clock += 2 * 86_400_000;
    expect(await svc.expire()).toEqual(['shared-story']);
    expect(svc.library.get('shared-story')).toBeUndefined();
    expect((await start()).library.get('shared-story')).toBeUndefined();
  });

  it('removing one of them keeps the story the other lists', async () => {
    const shared = canonicalStory('shared-story', 'A story two feeds list', 'Both feeds list it.');
    server.publish(JSON.stringify([shared]));
    const a = server.url(ROUTES.feed);
    const b = `${a}?second`;
    await svc.addFeed(a, fetch);
    await svc.addFeed(b, fetch);
    await svc.removeFeed(b);
    await svc.removeFeed(a).then(() => undefined);
    expect(svc.library.get('shared-story')).toBeUndefined();
    await svc.addFeed(a, fetch);
    await svc.addFeed(b, fetch);
    // b wrote it last; removing b leaves it to a.
    await svc.removeFeed(b);
    expect(svc.library.get('shared-story')).toBeDefined();
    expect((await start()).library.get('shared-story')).toBeDefined();
  });
});

describe('one feed failing', () => {
  it("is recorded on that feed; the other feeds still sync, and nothing is left unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      server.publish(GOOD_FEED);
      // Feeds sync in URL order: the failing one (/feed.json) before the healthy one (/good.json).
      const failing = server.url(ROUTES.feed);
      const healthy = server.url(ROUTES.good);
      expect(failing < healthy).toBe(true);
      await svc.addFeed(failing, fetch);
      await svc.addFeed(healthy, fetch);
      // The store refuses the failing feed's next write, as a full disk would.
      const store = (svc as unknown as { store: { apply: (w: { feed?: { url: string } }) => Promise<void> } }).store;
      const real = store.apply.bind(store);
      store.apply = async (w) => {
        if (w.feed?.url === failing) throw new Error('The browser has no room left for Storylens’s library.');
        return real(w);
      };
      server.publish(JSON.stringify([canonicalStory('feed-new-one', 'A new story', 'Something new happened.')]));
      const before = new Date(clock).toISOString();
      const statuses = await svc.syncFeeds(fetch, undefined, true);
      const byUrl = new Map(statuses.map((s) => [s.url, s]));
      expect(byUrl.get(failing)?.error).toMatch(/no room left/);
      expect(svc.library.get('feed-new-one')).toBeUndefined();
      // The run went on to the next feed after the failure.
      expect(byUrl.get(healthy)?.error).toBeNull();
      expect((byUrl.get(healthy)?.lastAttempt ?? '') >= before).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a storage error on one feed is recorded on it', async () => {
    server.publish(GOOD_FEED);
    const a = server.url(ROUTES.feed);
    await svc.addFeed(a, fetch);
    const store = (svc as unknown as { store: { apply: () => Promise<void> } }).store;
    store.apply = async () => {
      throw new Error('The browser has no room left for Storylens’s library.');
    };
    server.publish(JSON.stringify([canonicalStory('feed-after', 'After', 'Later.')]));
    const [status] = await svc.syncFeeds(fetch, a);
    expect(status?.error).toMatch(/no room left/);
    expect(svc.library.get('feed-after')).toBeUndefined();
  });
});

describe('an import with fact-checks', () => {
  it('is one transaction: a quota error on the fact-checks stores none of the stories', async () => {
    const factChecks = importLibraryText(CLAIMREVIEW_FEED, 'reviews.json').factChecks;
    expect(factChecks.length).toBeGreaterThan(0);
    const story = canonicalStory('import-with-checks', 'A story with checks', 'Checked text.');
    const text = exportLibrary(importLibraryText(JSON.stringify([story]), 's.json').stories, factChecks);
    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'factchecks') throw new DOMException('quota', 'QuotaExceededError');
      return put.call(this, value, key);
    };
    try {
      await expect(svc.import('library.json', text)).rejects.toThrow(/no room left/);
    } finally {
      proto.put = put;
    }
    expect(svc.library.get('import-with-checks')).toBeUndefined();
    const restarted = await start();
    expect(restarted.library.get('import-with-checks')).toBeUndefined();
  });

  it('replaces a story it shares an article link with, found by index', async () => {
    const a = canonicalStory('first-id', 'A harbour story', 'Text.');
    const withLink = { ...a, articles: [{ outlet: 'X', title: 'Harbour', url: 'https://news.example/harbour' }], articleCount: 1 };
    await svc.import('a.json', JSON.stringify(withLink));
    const again = { ...withLink, id: 'second-id', title: 'The harbour story, later' };
    const r = await svc.import('b.json', JSON.stringify(again));
    expect(r).toEqual({ added: 0, replaced: 1, factChecks: 0, moved: [['first-id', 'second-id']] });
    expect(svc.library.get('first-id')).toBeUndefined();
    expect(svc.library.get('second-id')?.title).toBe('The harbour story, later');
  });
});

describe('changes at the same time', () => {
  it('run one after another: an import whose write fails while another waits is undone whole, and the other one stands', async () => {
    const store = (svc as unknown as { store: { apply: (w: { put?: readonly { story: { id: string } }[] }) => Promise<void> } }).store;
    const real = store.apply.bind(store);
    store.apply = async (w) => {
      // The first import's write fails, late (as a quota error at commit would).
      if (w.put?.some((p) => p.story.id === 'failing-import')) {
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('The browser has no room left for Storylens’s library.');
      }
      return real(w);
    };
    const failing = svc.import('a.json', JSON.stringify([canonicalStory('failing-import', 'A story that is not stored', 'No room.')]));
    const standing = svc.import('b.json', JSON.stringify([canonicalStory('standing-import', 'A story that is stored', 'Room enough.')]));
    await expect(failing).rejects.toThrow(/no room left/);
    await standing;
    expect(svc.library.get('failing-import')).toBeUndefined();
    expect(svc.holding('failing-import')).toBeUndefined();
    expect(svc.holding('standing-import')?.origins).toEqual(['import']);
    expect((await start()).library.get('standing-import')?.title).toBe('A story that is stored');
  });
});
