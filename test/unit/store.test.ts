import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../src/background/service';
import { DB_NAME, DB_VERSION, Store, type FeedRecord, type LibraryWrite } from '../../src/background/store';
import type { FactCheck } from '../../src/core/claims/factchecks';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { KAGI_PATH, REFERENCE_PATH } from './helpers';

const reference = (): Story => importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH)[0] as Story;
const kagi = (): Story[] => importBytes(readFileSync(KAGI_PATH), KAGI_PATH);
const AT = new Date('2026-01-10T12:00:00Z');
const imported = (stories: readonly Story[]): LibraryWrite => ({ put: stories.map((story) => ({ story, holding: { origins: ['import'] } })), at: AT });

function deleteDb(name: string): Promise<void> {
  return new Promise<void>((done) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => done();
  });
}

async function fresh(): Promise<Store> {
  await deleteDb(DB_NAME);
  return Store.open();
}

const check = (id: string): FactCheck => ({ id, claim: `claim ${id}`, rating: 'False', publisher: 'Checker', url: `https://checks.example/${id}` }) as FactCheck;

describe('the stored library', () => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });
  afterEach(() => store.close());

  it('reads the library a batch at a time, each story once, in key order, at and across batch boundaries', async () => {
    const base = kagi()[0] as Story;
    for (const n of [0, 1, 7, 8, 9, 23]) {
      await store.apply({ remove: (await store.stories()).map((r) => r.story.id), at: AT });
      const stories = Array.from({ length: n }, (_, i) => ({ ...base, id: `s-${String(i).padStart(3, '0')}` }));
      await store.apply(imported(stories));
      const ids = stories.map((s) => s.id);
      expect((await store.stories(8)).map((r) => r.story.id), `${n} stories`).toEqual(ids);
      expect((await store.stories()).map((r) => r.story.id)).toEqual(ids);
    }
  });

  it('keeps stories and their holdings across reopening (a browser or service-worker restart)', async () => {
    await store.apply(imported(kagi()));
    store.close();
    store = await Store.open();
    const stored = await store.stories();
    expect(stored.map((s) => s.story.id).sort()).toEqual(kagi().map((s) => s.id).sort());
    expect(stored.every((s) => s.holding.origins.join() === 'import' && s.added === AT.toISOString())).toBe(true);
  });

  it('writes a change all or nothing: a bad record in the middle leaves stories, records, feeds and settings as they were', async () => {
    await store.apply({ ...imported([reference()]), factChecks: { origin: 'import', put: [check('a')], remove: [] } });
    const before = { stories: await store.stories(), checks: await store.factChecks(), feeds: await store.feeds(), settings: await store.settings() };
    const batch = kagi().slice(0, 5);
    // A value IndexedDB cannot store (a function) makes the put throw mid-transaction.
    const poisoned = [...batch.slice(0, 3), { ...batch[3], title: (() => 'x') as unknown as string } as Story, ...batch.slice(4)];
    const write: LibraryWrite = {
      ...imported(poisoned),
      remove: [reference().id],
      factChecks: { origin: 'import', put: [check('b')], remove: ['a'] },
      feed: { url: 'https://example.org/feed.json', kind: 'stories', failures: 0, storyIds: [], factCheckIds: [] },
      settings: new Map([['kagi', { enabled: true, categories: ['World'], retentionDays: 5 }]]),
    };
    await expect(store.apply(write)).rejects.toThrow(/could not be saved.*Nothing was changed/);
    expect({ stories: await store.stories(), checks: await store.factChecks(), feeds: await store.feeds(), settings: await store.settings() }).toEqual(before);
    expect((await store.kagi()).enabled).toBe(false);
  });

  it('writes a feed’s listing with its record, changes holdings alone, and removes a feed with its stories and records', async () => {
    const [a, b, c] = kagi();
    const feed: FeedRecord = { url: 'https://example.org/feed.json', kind: 'stories', failures: 0, storyIds: [a!.id, b!.id], factCheckIds: ['f1'] };
    const origin = 'feed:https://example.org/feed.json' as const;
    await store.apply({ put: [a!, b!].map((story) => ({ story, holding: { origins: [origin] } })), feed, factChecks: { origin: feed.url, put: [check('f1')], remove: [] }, at: AT });
    const later = new Date(AT.getTime() + 86_400_000);
    // The next listing drops a (its holding alone changes: unlisted) and adds c.
    await store.apply({
      put: [{ story: c!, holding: { origins: [origin] } }],
      holdings: new Map([[a!.id, { origins: [], unlistedSince: later.toISOString() }]]),
      feed: { ...feed, storyIds: [b!.id, c!.id] },
      at: later,
    });
    const byId = new Map((await store.stories()).map((s) => [s.story.id, s]));
    expect([...byId.keys()].sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(byId.get(a!.id)).toMatchObject({ story: a, holding: { origins: [], unlistedSince: later.toISOString() }, added: AT.toISOString() });
    expect(byId.get(c!.id)?.added).toBe(later.toISOString());
    expect((await store.feeds())[0]?.storyIds).toEqual([b!.id, c!.id]);
    // A holding for a story that is not stored is not written (nothing to hold).
    await store.apply({ holdings: new Map([['no-such-story', { origins: [origin] }]]), at: later });
    expect(await store.story('no-such-story')).toBeUndefined();

    await store.apply({ remove: [a!.id, b!.id, c!.id], removeFeed: feed.url, factChecks: { origin: feed.url, put: [], remove: ['f1'] }, at: later });
    expect(await store.stories()).toEqual([]);
    expect(await store.feeds()).toEqual([]);
    expect(await store.factChecks()).toEqual([]);
  });

  it('a story keeps the time it was first stored when the service writes it again; a new one gets the time of its write', async () => {
    store.close();
    const [a, b] = kagi();
    let now = AT;
    for (const ready of [true, false]) {
      await deleteDb(DB_NAME);
      // Loaded or not: the service tells a new story from a stored one either way.
      const start = async () => {
        const svc = await LibraryService.start([], { now: () => now });
        return ready ? svc.ready() : svc;
      };
      now = AT;
      let svc = await start();
      await svc.import('a.json', JSON.stringify([a]));
      svc.close();
      now = new Date(AT.getTime() + 86_400_000);
      svc = await start();
      await svc.import('ab.json', JSON.stringify([{ ...a, title: `${a!.title} (again)` }, b]));
      svc.close();
      store = await Store.open();
      const byId = new Map((await store.stories()).map((s) => [s.story.id, s]));
      expect(byId.get(a!.id)?.added, `loaded ${ready}`).toBe(AT.toISOString());
      expect(byId.get(a!.id)?.story.title).toBe(`${a!.title} (again)`);
      expect(byId.get(b!.id)?.added).toBe(now.toISOString());
      if (ready) store.close();
    }
  });

  it('keeps settings with defaults for what was never set, Kagi News off until the reader opts in', async () => {
    expect((await store.settings()).refreshMinutes).toBe(180);
    await store.saveSettings({ refreshMinutes: 60, hiddenBuiltins: ['x'] });
    expect(await store.settings()).toEqual({ refreshMinutes: 60, hiddenBuiltins: ['x'] });
    expect(await store.kagi()).toEqual({ enabled: false, categories: [], retentionDays: 30 });
    expect(await store.kagiState()).toEqual({ failures: 0, categories: {} });
  });
});

describe('the version-1 library opened by version 2', () => {
  const NAME = 'storylens-upgrade-test';
  const FEED_A = 'https://a.example/feed.json';
  const FEED_B = 'https://b.example/feed.json';
  const GONE = 'https://gone.example/feed.json';
  afterEach(() => deleteDb(NAME));

  /** A database as version 1 of Storylens wrote it: one origin string per story. */
  async function writeV1(records: { story: Story; origin: string; added?: string }[], feeds: FeedRecord[]): Promise<void> {
    await deleteDb(NAME);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(NAME, 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('stories');
        r.result.createObjectStore('factchecks');
        r.result.createObjectStore('feeds', { keyPath: 'url' });
        r.result.createObjectStore('settings');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error as Error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['stories', 'feeds'], 'readwrite');
      for (const r of records) tx.objectStore('stories').put(r, r.story.id);
      for (const f of feeds) tx.objectStore('feeds').put(f);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error as Error);
    });
    db.close();
  }

  it('gives each story its origins as a set: imports stay the reader’s, feed stories their feeds, a shared story both', async () => {
    const [mine, fromA, shared, orphan] = kagi();
    const feed = (url: string, ids: string[]): FeedRecord => ({ url, kind: 'stories', failures: 0, storyIds: ids, factCheckIds: [] });
    await writeV1(
      [
        { story: mine!, origin: 'import', added: '2026-01-01T00:00:00.000Z' },
        { story: fromA!, origin: FEED_A, added: '2026-01-02T00:00:00.000Z' },
        // The old model held a story two feeds listed under one feed's URL.
        { story: shared!, origin: FEED_A },
        { story: orphan!, origin: GONE },
      ],
      // Feed B lists the shared story and, in its last listing, the reader's story too.
      [feed(FEED_A, [fromA!.id, shared!.id]), feed(FEED_B, [shared!.id, mine!.id])],
    );
    const before = Date.now();
    const store = await Store.open(NAME);
    try {
      const byId = new Map((await store.stories()).map((s) => [s.story.id, s]));
      expect(byId.size).toBe(4);
      expect(byId.get(mine!.id)).toEqual({ story: mine, holding: { origins: ['import'], lastUpdated: '2026-01-01T00:00:00.000Z' }, added: '2026-01-01T00:00:00.000Z' });
      expect(byId.get(fromA!.id)?.holding).toEqual({ origins: [`feed:${FEED_A}`], lastUpdated: '2026-01-02T00:00:00.000Z' });
      expect(byId.get(shared!.id)?.holding.origins).toEqual([`feed:${FEED_A}`, `feed:${FEED_B}`]);
      // A story whose feed is gone is held by nothing: unlisted from the upgrade, then retention.
      const o = byId.get(orphan!.id);
      expect(o?.holding.origins).toEqual([]);
      expect(Date.parse(o?.holding.unlistedSince ?? '')).toBeGreaterThanOrEqual(before - 1000);
      for (const s of byId.values()) expect(s).not.toHaveProperty('origin');
      expect((await store.feeds()).map((f) => f.url).sort()).toEqual([FEED_A, FEED_B]);
    } finally {
      store.close();
    }
    // Opened again, nothing changes (the upgrade ran once).
    const again = await Store.open(NAME);
    try {
      expect((await again.stories()).find((s) => s.story.id === shared!.id)?.holding.origins).toEqual([`feed:${FEED_A}`, `feed:${FEED_B}`]);
    } finally {
      again.close();
    }
    expect(DB_VERSION).toBe(2);
  });
});

describe('a version-2 record without its holding (damaged, or written by hand)', () => {
  const NAME = 'storylens-no-holding-test';
  afterEach(() => deleteDb(NAME));

  it('is the reader’s: loaded as imported, and never pruned by retention', async () => {
    const [story] = kagi();
    const store = await Store.open(NAME);
    await store.apply(imported([story!]));
    store.close();
    // Strip the holding with the raw API, as a damaged record would be.
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open(NAME, DB_VERSION);
      r.onsuccess = () => {
        const tx = r.result.transaction('stories', 'readwrite');
        tx.objectStore('stories').put({ story, added: AT.toISOString() }, story!.id);
        tx.oncomplete = () => {
          r.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error as Error);
      };
      r.onerror = () => reject(r.error as Error);
    });
    const svc = await (await LibraryService.start([], { dbName: NAME, now: () => new Date(AT.getTime() + 10_000 * 86_400_000) })).ready();
    try {
      expect(svc.holding(story!.id)).toEqual({ origins: ['import'] });
      expect(await svc.expire()).toEqual([]);
      expect(svc.library.get(story!.id)).toEqual(story);
    } finally {
      svc.close();
    }
  });
});
