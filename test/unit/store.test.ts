import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, Store } from '../../src/background/store';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { KAGI_PATH, REFERENCE_PATH } from './helpers';

const reference = (): Story => importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH)[0] as Story;
const kagi = (): Story[] => importBytes(readFileSync(KAGI_PATH), KAGI_PATH);

async function fresh(): Promise<Store> {
  await new Promise<void>((done) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = r.onblocked = () => done();
  });
  return Store.open();
}

describe('the stored library', () => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });
  afterEach(() => store.close());

  it('keeps stories across reopening (a browser or service-worker restart)', async () => {
    await store.putStories(kagi(), 'import');
    store.close();
    store = await Store.open();
    expect((await store.stories()).map((s) => s.story.id).sort()).toEqual(kagi().map((s) => s.id).sort());
  });

  it('writes a batch all or nothing: a bad record in the middle leaves the library as it was', async () => {
    await store.putStories([reference()], 'import');
    const batch = kagi().slice(0, 5);
    // A value IndexedDB cannot store (a function) makes the put throw mid-transaction.
    const poisoned = [...batch.slice(0, 3), { ...batch[3], title: (() => 'x') as unknown as string } as Story, ...batch.slice(4)];
    await expect(store.putStories(poisoned, 'import')).rejects.toThrow(/could not be saved.*Nothing was changed/);
    expect((await store.stories()).map((s) => s.story.id)).toEqual([reference().id]);
  });

  it('replaces a feed’s stories with its new copy atomically, and removes them with the feed', async () => {
    const [a, b, c] = kagi();
    const feed = { url: 'https://example.org/feed.json', kind: 'stories' as const, failures: 0, storyIds: [a!.id, b!.id], factCheckIds: [] };
    await store.applyFeed(feed, [a!, b!], []);
    await store.applyFeed({ ...feed, storyIds: [b!.id, c!.id] }, [b!, c!], []);
    expect((await store.stories()).map((s) => s.story.id).sort()).toEqual([b!.id, c!.id].sort());
    expect((await store.feeds())[0]?.storyIds).toEqual([b!.id, c!.id]);
    await store.removeFeed(feed.url);
    expect(await store.stories()).toEqual([]);
    expect(await store.feeds()).toEqual([]);
  });

  it('keeps settings with defaults for what was never set', async () => {
    expect((await store.settings()).refreshMinutes).toBe(180);
    await store.saveSettings({ refreshMinutes: 60, hiddenBuiltins: ['x'] });
    expect(await store.settings()).toEqual({ refreshMinutes: 60, hiddenBuiltins: ['x'] });
  });
});
