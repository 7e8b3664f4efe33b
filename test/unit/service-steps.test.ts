/**
 * A large library change is computed in steps with pauses between them (core/library/steps.ts), so
 * the worker answers meanwhile; it stays one change: what a ping sees in the middle is the library
 * before it, and a failed write leaves nothing of it in memory or on disk.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryService } from '../../src/background/service';
import { canonicalStory, GOOD_FEED, ROUTES, startFeedServer, type FeedServer } from '../support/feed-server';
import { libraryServices } from './library-service-harness';

const clock = Date.parse('2026-02-01T12:00:00Z');
const { start, wipe } = libraryServices({ now: () => new Date(clock) });

const WORDS = ['harbour', 'council', 'river', 'budget', 'election', 'storm', 'vaccine', 'strike', 'court', 'bridge', 'school', 'market'];
/** A feed of `n` stories, each under its own title and links. */
const bigFeed = (n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => canonicalStory(`big-${i}`, `${WORDS[i % 12]} ${WORDS[(i >> 4) % 12]} item ${i} number ${i * 7}`, `Event ${i} happened.`)));

interface Internals {
  holdings: { begin(): void };
  store: { apply(w: unknown): Promise<void> };
}

/**
 * Runs `work` while a ping (a task queued every turn of the event loop) looks at the library: the
 * pings answered between the change's start (its holdings' journal begun) and its write, and
 * whether any of them saw a story of the change.
 */
async function pinged(svc: LibraryService, failWrite: boolean, work: () => Promise<unknown>) {
  const inside = svc as unknown as Internals;
  let phase = 'before' as 'before' | 'computing' | 'written';
  const begin = inside.holdings.begin.bind(inside.holdings);
  inside.holdings.begin = () => {
    phase = 'computing';
    begin();
  };
  const apply = inside.store.apply.bind(inside.store);
  inside.store.apply = async (w) => {
    phase = 'written';
    if (failWrite) throw new Error('The browser has no room left for Storylens’s library.');
    return apply(w);
  };
  const shown = svc.library.size;
  let answered = 0;
  let sawPartial = false;
  let running = true;
  const ping = (async () => {
    while (running) {
      await new Promise((r) => setImmediate(r));
      if (phase === 'computing') {
        answered++;
        if (svc.library.get('big-0') || svc.library.size !== shown) sawPartial = true;
      }
    }
  })();
  try {
    await work().catch(() => undefined);
  } finally {
    running = false;
    await ping;
  }
  return { answered, sawPartial };
}

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

describe('a large change in steps', () => {
  it('a 3,000-story feed: pings are answered while it is merged, none sees part of it, and then all of it is there', async () => {
    server.publish(bigFeed(3_000));
    const { answered, sawPartial } = await pinged(svc, false, () => svc.addFeed(server.url(ROUTES.feed), fetch));
    expect(answered).toBeGreaterThan(0);
    expect(sawPartial).toBe(false);
    expect(svc.library.get('big-0')?.title).toMatch(/item 0 /);
    expect(svc.library.get('big-2999')).toBeDefined();
    const again = await start();
    expect(again.library.get('big-2999')).toBeDefined();
  });

  it('a 3,000-story feed whose write fails: pings were answered meanwhile, and nothing of it is left in memory or on disk', async () => {
    const url = server.url(ROUTES.feed);
    server.publish(GOOD_FEED);
    await svc.addFeed(url, fetch);
    server.publish(bigFeed(3_000));
    const { answered, sawPartial } = await pinged(svc, true, () => svc.syncFeeds(fetch, url));
    expect(answered).toBeGreaterThan(0);
    expect(sawPartial).toBe(false);
    expect(svc.library.get('big-0')).toBeUndefined();
    expect(svc.holding('big-0')).toBeUndefined();
    // The recogniser forgot the feed's links: an import listing one replaces nothing.
    const linked = canonicalStory('mine', 'My own copy', 'Mine.');
    const preview = svc.preview('mine.json', JSON.stringify({ ...linked, articles: [{ ...linked.articles[0], url: canonicalStory('big-5', 'x', 'y').articles[0]!.url }] }));
    expect(preview.replaces).toEqual([]);
    expect((await start()).library.get('big-0')).toBeUndefined();
  });

  it('an import of 3,000 stories: pings are answered while it is indexed, none sees part of it', async () => {
    const { answered, sawPartial } = await pinged(svc, false, () => svc.import('big.json', bigFeed(3_000)));
    expect(answered).toBeGreaterThan(0);
    expect(sawPartial).toBe(false);
    expect(svc.holding('big-2999')?.origins).toEqual(['import']);
  });
});
