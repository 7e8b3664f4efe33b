import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryService } from '../../src/background/service';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { CHANGED_FEED, GOOD_FEED, ROUTES, startFeedServer, type FeedServer } from '../support/feed-server';
import { KAGI_PATH } from './helpers';
import { builtin, libraryServices } from './library-service-harness';

const kagiText = () => readFileSync(KAGI_PATH, 'utf8');

/** Every service a test starts, closed before the database is wiped (an open connection blocks it). */
const { start, wipe } = libraryServices();

describe('the library service', () => {
  let svc: LibraryService;
  beforeEach(async () => {
    await wipe();
    svc = await start();
  });

  it('starts with the built-in story, and keeps imports across a restart', async () => {
    expect(svc.entries().map((e) => e.origin)).toEqual(['builtin']);
    const r = await svc.import('kagi-dev-stories.json', kagiText());
    expect(r).toEqual({ added: 35, replaced: 0, factChecks: 0, moved: [] });
    const again = await start();
    expect(again.library.size).toBe(36);
  });

  it('rejects a broken file whole, names where, and keeps the library as it was', async () => {
    await svc.import('kagi-dev-stories.json', kagiText());
    const before = svc.entries();
    const broken = kagiText().slice(0, 200_000);
    await expect(svc.import('kagi-cut.json', broken)).rejects.toThrow(/kagi-cut\.json:\d+: the JSON ends too early/);
    const bad = JSON.stringify([{ id: 'a', title: 'ok', articles: [] }, { id: 'b', title: 42 }]);
    await expect(svc.import('bad.json', bad)).rejects.toThrow(/bad\.json at \$\[1\]/);
    expect(svc.entries()).toEqual(before);
    const restarted = await start();
    expect(restarted.entries().length).toBe(before.length);
  });

  it('previews an import without storing anything, and names the stories it would replace', async () => {
    await svc.import('kagi-dev-stories.json', kagiText());
    const p = await svc.preview('again.json', kagiText());
    expect(p.stories).toHaveLength(35);
    expect(p.replaces).toHaveLength(35);
    expect(svc.library.size).toBe(36);
  });

  it('merges a story imported again under another id when it has the same articles', async () => {
    const [first] = importBytes(readFileSync(KAGI_PATH), KAGI_PATH) as [Story];
    await svc.import('one.json', JSON.stringify(first));
    const renamed = { ...first, id: 'renamed-copy', title: `${first.title} (updated)` };
    const r = await svc.import('renamed.json', JSON.stringify(renamed));
    expect(r).toMatchObject({ added: 0, replaced: 1 });
    expect(svc.library.get(first.id)).toBeUndefined();
    expect(svc.library.get('renamed-copy')?.title).toMatch(/updated/);
  });

  it('hides the built-in story when removed, and restores it', async () => {
    const id = builtin()[0]!.id;
    expect(await svc.remove(id)).toBe(true);
    expect(svc.library.get(id)).toBeUndefined();
    expect(svc.entries().find((e) => e.id === id)?.hidden).toBe(true);
    const restarted = await start();
    expect(restarted.library.get(id)).toBeUndefined();
    expect(await restarted.restoreBuiltins()).toBe(1);
    expect(restarted.library.get(id)?.id).toBe(id);
  });

  it('exports the library and imports it back identically', async () => {
    await svc.import('kagi-dev-stories.json', kagiText());
    const { json } = svc.exportAll();
    await wipe();
    const other = await start();
    await other.import('export.json', json);
    expect(other.exportAll().json).toBe(json);
  });
});

describe('feeds through the library service', () => {
  let server: FeedServer;
  let svc: LibraryService;
  beforeAll(async () => {
    server = await startFeedServer({ slowMs: 2000 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await wipe();
    svc = await start();
  });

  it('subscribes, syncs, keeps the last good copy when an update is broken, and shows the error', async () => {
    server.publish(GOOD_FEED);
    const status = await svc.addFeed(server.url(ROUTES.feed), fetch);
    expect(status).toMatchObject({ error: null, stories: 2 });
    const good = svc.library.stories().map((s) => s.id).sort();
    server.publish(GOOD_FEED.slice(0, 100));
    const [after] = await svc.syncFeeds(fetch, server.url(ROUTES.feed));
    expect(after?.error).toMatch(/feed\.json/);
    expect(svc.library.stories().map((s) => s.id).sort()).toEqual(good);
    const restarted = await start();
    expect(restarted.library.stories().map((s) => s.id).sort()).toEqual(good);
    expect((await restarted.feeds())[0]?.error).toMatch(/feed\.json/);
  });

  it('replaces a feed’s stories with its new copy, and drops them with the feed', async () => {
    server.publish(GOOD_FEED);
    await svc.addFeed(server.url(ROUTES.feed), fetch);
    server.publish(CHANGED_FEED);
    await svc.syncFeeds(fetch, server.url(ROUTES.feed));
    const changed = (JSON.parse(CHANGED_FEED) as { id: string }[]).map((s) => s.id).sort();
    expect(svc.library.stories().filter((s) => s.id !== builtin()[0]!.id).map((s) => s.id).sort()).toEqual(changed);
    await svc.removeFeed(server.url(ROUTES.feed));
    expect(svc.library.size).toBe(1);
  });

  it('keeps a story the reader imported even when the feed that once supplied it drops it', async () => {
    server.publish(GOOD_FEED);
    await svc.addFeed(server.url(ROUTES.feed), fetch);
    const [first, second] = JSON.parse(GOOD_FEED) as Story[];
    await svc.import('mine.json', JSON.stringify(first));
    server.publish(JSON.stringify([second]));
    await svc.syncFeeds(fetch, server.url(ROUTES.feed));
    expect(svc.library.get(first!.id)?.id).toBe(first!.id);
    const restarted = await start();
    expect(restarted.library.get(first!.id)?.id).toBe(first!.id);
  });

  it('refuses feeds that are not https (but localhost)', async () => {
    await expect(svc.addFeed('http://example.com/feed.json', fetch)).rejects.toThrow(/https/);
  });
});
