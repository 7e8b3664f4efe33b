/**
 * Kagi News in the library service, against a local server that serves kite.json and category
 * files built from the dev Kagi stories over two "days" (test/support/kagi-editions.ts), with the
 * clock and the schedule's jitter injected: nothing is fetched before the reader opts in; day 2
 * updates stories in place by identity; a reader's import is never overwritten; a dropped category's
 * stories stay for the retention period, then go, followed ones stay; one category's failure is kept
 * on it while the others sync; failed runs back off.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KAGI_BACKOFF_FIRST_MINUTES, KAGI_JITTER_MINUTES, KAGI_PUBLISHED_UTC_HOUR, KAGI_SETTLE_MINUTES, kagiOrigin } from '../../src/background/kagi';
import { LibraryService } from '../../src/background/service';
import { importJson } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { delisted, devEdition, retitled, storyOnDay, type RawStory } from '../support/kagi-editions';
import { startKagiServer, type KagiServer } from '../support/kagi-server';
import { canonicalStory } from '../support/feed-server';
import { rawKagiStories } from './helpers';

const raws = rawKagiStories() as unknown as RawStory[];
const day1 = devEdition(raws, 1);
const day2 = devEdition(raws, 2);
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Day 1's sync runs at 13:00 UTC, after the publication. */
const DAY1 = Date.parse('2025-12-27T13:00:00Z');

const categoryOf = (i: number): string => [...day1.categories].find(([, ids]) => ids.includes(i))?.[0] as string;
/** The id the importer gives story `i` as day 1 publishes it (Kagi's stories carry none). */
const dayOneId = (i: number): string => (importJson(storyOnDay(raws[i] as RawStory, i, 1), 'x')[0] as Story).id;
const RETITLED = raws.findIndex((_, i) => retitled(i));
const DELISTED = raws.findIndex((_, i) => delisted(i));
const KEPT = raws.findIndex((_, i) => !retitled(i) && !delisted(i) && categoryOf(i) !== categoryOf(DELISTED));

let server: KagiServer;
let clock = DAY1;
let followed = new Set<string>();
let dbCount = 0;
let dbName = '';
const open: LibraryService[] = [];
async function start(): Promise<LibraryService> {
  const svc = await LibraryService.start([], { kagiBase: server.base, dbName, now: () => new Date(clock), random: () => 0.5, protectedIds: async () => followed });
  open.push(svc);
  return svc.ready();
}
const requests = () => [...server.requests.values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  server = await startKagiServer(day1.files);
});
afterAll(async () => {
  for (const s of open.splice(0)) s.close();
  await server.close();
});
beforeEach(() => {
  for (const s of open.splice(0)) s.close();
  dbName = `storylens-kagi-${++dbCount}`;
  clock = DAY1;
  followed = new Set();
  server.publish(day1.files);
  server.heal();
  server.requests.clear();
});

describe('Kagi News in the library service', () => {
  it('fetches nothing before the reader opts in', async () => {
    const svc = await start();
    expect((await svc.kagiView()).enabled).toBe(false);
    await expect(svc.kagiCategories(fetch)).rejects.toThrow(/Turn Kagi News on first/);
    await expect(svc.syncKagi(fetch)).rejects.toThrow(/Kagi News is off/);
    // Choosing categories or a retention period is not opting in.
    await svc.setKagi({ categories: ['Science'], retentionDays: 7 });
    await expect(svc.syncKagi(fetch)).rejects.toThrow(/Kagi News is off/);
    expect(requests()).toBe(0);
    expect((await svc.kagiView()).status.nextRun).toBeNull();
  });

  it('opting in chooses World and lists the categories kite.json gives; day 2 updates a story in place, an unlisted one stays', async () => {
    const svc = await start();
    const on = await svc.setKagi({ enabled: true });
    expect(on.categories).toEqual(['World']);
    expect(on.hostPattern).toBe(`${new URL(server.base).protocol}//127.0.0.1/*`);
    expect((await svc.kagiCategories(fetch)).sort()).toEqual([...day1.categories.keys()].sort());
    const names = [...day1.categories.keys()];
    await svc.setKagi({ categories: names });

    const first = await svc.syncKagi(fetch);
    expect(first.status.error).toBeNull();
    expect(first.status.lastSuccess).toBe(new Date(DAY1).toISOString());
    for (const c of first.status.categories) {
      expect(c).toMatchObject({ lastSuccess: new Date(DAY1).toISOString(), error: null });
      expect(c.stories).toBe(day1.categories.get(c.name)?.length);
    }
    expect(svc.library.size).toBe(raws.length);
    const id = dayOneId(RETITLED);
    const before = svc.library.get(id) as Story;
    expect(svc.holding(id)?.origins).toEqual([kagiOrigin(server.base, categoryOf(RETITLED))]);

    clock += DAY;
    server.publish(day2.files);
    await svc.syncKagi(fetch);
    // The same story under a new title, with more articles and a longer timeline: same id, in place.
    const after = svc.library.get(id) as Story;
    expect(after.title).toBe((storyOnDay(raws[RETITLED] as RawStory, RETITLED, 2) as RawStory).title);
    expect(after.title).not.toBe(before.title);
    expect(after.articles.length).toBeGreaterThan(before.articles.length);
    for (const a of before.articles) expect(after.articles.map((x) => x.url)).toContain(a.url);
    expect(after.timeline.length).toBeGreaterThan(before.timeline.length);
    expect(svc.holding(id)?.lastUpdated).toBe(new Date(clock).toISOString());
    // Nothing was added twice, nothing lost: the delisted story stays, unlisted, for the retention period.
    expect(svc.library.size).toBe(raws.length);
    expect(svc.holding(dayOneId(DELISTED))).toMatchObject({ origins: [], unlistedSince: new Date(clock).toISOString() });

    // All of it is stored: a restarted service sees the same.
    const restarted = await start();
    expect(restarted.library.get(id)).toEqual(after);
    expect(restarted.holding(dayOneId(DELISTED))?.origins).toEqual([]);
    expect((await restarted.kagiView()).status.categories.map((c) => c.stories)).toEqual((await svc.kagiView()).status.categories.map((c) => c.stories));
  });

  it("never overwrites the reader's imported story with a colliding id, on any day", async () => {
    const svc = await start();
    const id = dayOneId(KEPT);
    await svc.import('mine.json', JSON.stringify([canonicalStory(id, 'My own notes on this', 'Written by the reader.')]));
    const imported = svc.library.get(id) as Story;
    await svc.setKagi({ enabled: true, categories: [categoryOf(KEPT)] });
    await svc.syncKagi(fetch);
    clock += DAY;
    server.publish(day2.files);
    await svc.syncKagi(fetch);
    expect(svc.library.get(id)).toEqual(imported);
    expect(svc.holding(id)?.origins).toEqual(['import']);
    expect(svc.entries().find((e) => e.id === id)?.origin).toBe('import');
    // Kagi's story is kept beside it, under an id of its own.
    const origin = kagiOrigin(server.base, categoryOf(KEPT));
    expect([...svc.library.stories()].some((s) => s.id !== id && s.title === (raws[KEPT] as RawStory).title && svc.holding(s.id)?.origins.includes(origin))).toBe(true);
  });

  it('a dropped category’s stories stay for the retention period, then go; a followed one stays', async () => {
    const svc = await start();
    const dropped = categoryOf(DELISTED);
    const kept = [...day1.categories.keys()].find((c) => c !== dropped) as string;
    await svc.setKagi({ enabled: true, categories: [dropped, kept], retentionDays: 10 });
    await svc.syncKagi(fetch);
    const droppedIds = (day1.categories.get(dropped) ?? []).map(dayOneId);
    const follow = droppedIds[0] as string;
    followed = new Set([follow]);

    const view = await svc.setKagi({ categories: [kept] });
    expect(view.status.categories.map((c) => c.name)).toEqual([kept]);
    for (const id of droppedIds) expect(svc.holding(id)).toMatchObject({ origins: [], unlistedSince: new Date(clock).toISOString() });

    clock += 10 * DAY - MINUTE;
    expect(await svc.expire()).toEqual([]);
    clock += 2 * MINUTE;
    await svc.syncKagi(fetch);
    for (const id of droppedIds) expect(svc.library.get(id) !== undefined).toBe(id === follow);
    expect((await start()).library.get(droppedIds[1] as string)).toBeUndefined();
    // The kept category's stories are listed: untouched by retention.
    for (const i of day1.categories.get(kept) ?? []) expect(svc.library.get(dayOneId(i))).toBeDefined();
  });

  it('opting out gives up every category: the stories stay for the period, no refresh is due', async () => {
    const svc = await start();
    await svc.setKagi({ enabled: true });
    await svc.syncKagi(fetch);
    const world = (day1.categories.get('World') ?? []).map(dayOneId);
    expect(world.length).toBeGreaterThan(0);
    const off = await svc.setKagi({ enabled: false });
    expect(off.status.nextRun).toBeNull();
    for (const id of world) expect(svc.holding(id)?.origins).toEqual([]);
    expect(svc.library.size).toBe(world.length);
  });

  it("one category's failure is recorded on it and the others sync; the run retries after the backoff", async () => {
    const svc = await start();
    const [bad, good] = [...day1.categories.keys()] as [string, string];
    await svc.setKagi({ enabled: true, categories: [bad, good] });
    const file = JSON.parse(day1.files.get('kite.json') as string).categories.find((c: { name: string }) => c.name === bad).file as string;
    server.fail(file);
    const view = await svc.syncKagi(fetch);
    const byName = new Map(view.status.categories.map((c) => [c.name, c]));
    expect(byName.get(bad)).toMatchObject({ lastSuccess: null, stories: 0, error: expect.stringMatching(/500/) });
    expect(byName.get(good)).toMatchObject({ lastSuccess: new Date(clock).toISOString(), error: null, stories: day1.categories.get(good)?.length });
    expect(view.status.error).toBeNull();
    // A failed category is tried again after the first backoff (jitter 0.5: +5%), not only tomorrow.
    expect(Date.parse(view.status.nextRun ?? '')).toBe(clock + KAGI_BACKOFF_FIRST_MINUTES * 1.05 * MINUTE);
  });

  it('a run that fails backs off, doubling, and a good run sets the next refresh after the publication', async () => {
    const svc = await start();
    await svc.setKagi({ enabled: true });
    server.fail('kite.json');
    const first = await svc.syncKagi(fetch);
    expect(first.status.error).toMatch(/500/);
    expect(first.status.lastSuccess).toBeNull();
    expect(Date.parse(first.status.nextRun ?? '')).toBe(clock + KAGI_BACKOFF_FIRST_MINUTES * 1.05 * MINUTE);
    const second = await svc.syncKagi(fetch);
    expect(Date.parse(second.status.nextRun ?? '')).toBe(clock + 2 * KAGI_BACKOFF_FIRST_MINUTES * 1.05 * MINUTE);
    expect(svc.library.size).toBe(0);

    // The server answers again: a good run sets the next refresh after the next publication.
    server.heal();
    const ok = await svc.syncKagi(fetch);
    expect(ok.status.error).toBeNull();
    expect(ok.status.lastSuccess).toBe(new Date(clock).toISOString());
    const nextDay = new Date(clock + DAY);
    const expected = Date.UTC(nextDay.getUTCFullYear(), nextDay.getUTCMonth(), nextDay.getUTCDate(), KAGI_PUBLISHED_UTC_HOUR) + (KAGI_SETTLE_MINUTES + 0.5 * KAGI_JITTER_MINUTES) * MINUTE;
    expect(Date.parse(ok.status.nextRun ?? '')).toBe(expected);
  });

  it('a run refused for want of the host permission is recorded with its backoff', async () => {
    const svc = await start();
    await svc.setKagi({ enabled: true });
    const view = await svc.kagiFailed('Storylens may not read kite.kagi.com.');
    expect(view.status).toMatchObject({ error: 'Storylens may not read kite.kagi.com.', lastAttempt: new Date(clock).toISOString() });
    expect(Date.parse(view.status.nextRun ?? '')).toBe(clock + KAGI_BACKOFF_FIRST_MINUTES * 1.05 * MINUTE);
    expect(requests()).toBe(0);
  });

  it('a storage failure on one category leaves the library as it was, in memory and stored, and is recorded on it', async () => {
    const svc = await start();
    const [first, second] = [...day1.categories.keys()] as [string, string];
    await svc.setKagi({ enabled: true, categories: [first, second] });
    await svc.syncKagi(fetch);
    const before = { stories: svc.library.stories(), holdings: svc.library.stories().map((s) => svc.holding(s.id)) };
    clock += DAY;
    server.publish(day2.files);
    // The store refuses the first category's write, as a full disk would.
    const store = (svc as unknown as { store: { apply: (w: { put?: readonly { holding: { origins: string[] } }[]; holdings?: ReadonlyMap<string, unknown> }) => Promise<void> } }).store;
    const real = store.apply.bind(store);
    const firstOrigin = kagiOrigin(server.base, first);
    store.apply = async (w) => {
      const touches = [...(w.put ?? [])].some((p) => p.holding.origins.includes(firstOrigin as never)) || [...(w.holdings?.values() ?? [])].some((h) => (h as { origins: string[] }).origins.includes(firstOrigin));
      if (touches) throw new Error('The browser has no room left for Storylens’s library.');
      return real(w);
    };
    const view = await svc.syncKagi(fetch);
    expect(view.status.categories.find((c) => c.name === first)?.error).toMatch(/no room left/);
    expect(view.status.categories.find((c) => c.name === second)?.error).toBeNull();
    const firstIds = new Set((day1.categories.get(first) ?? []).map(dayOneId));
    for (const [i, s] of before.stories.entries()) {
      if (!firstIds.has(s.id)) continue;
      expect(svc.library.get(s.id)).toEqual(s);
      expect(svc.holding(s.id)).toEqual(before.holdings[i]);
    }
    store.apply = real;
    const restarted = await start();
    for (const s of before.stories) if (firstIds.has(s.id)) expect(restarted.library.get(s.id)).toEqual(s);
  });
});
