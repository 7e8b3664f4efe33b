/**
 * A large library change is computed in steps with pauses between them (core/text/steps.ts), so
 * the worker answers meanwhile; it stays one change: what a ping sees in the middle is the library
 * before it, and a failed write leaves nothing of it in memory or on disk.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
    const preview = await svc.preview('mine.json', JSON.stringify({ ...linked, articles: [{ ...linked.articles[0], url: canonicalStory('big-5', 'x', 'y').articles[0]!.url }] }));
    expect(preview.replaces).toEqual([]);
    expect((await start()).library.get('big-0')).toBeUndefined();
  });

  it('an import of 3,000 stories: pings are answered while it is indexed, none sees part of it', async () => {
    const { answered, sawPartial } = await pinged(svc, false, () => svc.import('big.json', bigFeed(3_000)));
    expect(answered).toBeGreaterThan(0);
    expect(sawPartial).toBe(false);
    expect(svc.holding('big-2999')?.origins).toEqual(['import']);
  });

  // A guard for a loaded machine, not a measure: each test reads 1,000 stories at least twice.
  describe('the file is read in steps too', { timeout: 120_000 }, () => {
    afterEach(() => vi.restoreAllMocks());

    /**
     * Counts JSON.parse calls (a piece of the file parsed) and URL checks (a story validated), each
     * made to take a little time so that the step budget is spent every few of them on any machine;
     * a ping (a task queued every turn) notes how far the read was when it was answered.
     */
    async function pingedWhileRead(work: () => Promise<unknown>) {
      const progress = { parses: 0, checks: 0 };
      const busy = () => {
        const until = performance.now() + 0.05;
        while (performance.now() < until);
      };
      const parse = JSON.parse.bind(JSON);
      vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
        progress.parses++;
        busy();
        return parse(text, reviver) as unknown;
      });
      const canParse = URL.canParse.bind(URL);
      vi.spyOn(URL, 'canParse').mockImplementation((url: string | URL, base?: string | URL) => {
        progress.checks++;
        busy();
        return canParse(url, base);
      });
      const seen: { parses: number; checks: number }[] = [];
      let running = true;
      const ping = (async () => {
        while (running) {
          await new Promise((r) => setImmediate(r));
          seen.push({ ...progress });
        }
      })();
      let error: unknown;
      try {
        await work().catch((e: unknown) => (error = e));
      } finally {
        running = false;
        await ping;
      }
      const last = { ...progress };
      return {
        // Answered after some pieces were parsed and before the last one.
        whileParsing: seen.filter((p) => p.parses > 0 && p.parses < last.parses && p.checks === 0).length,
        // Answered after some stories were validated and before the last one.
        whileValidating: seen.filter((p) => p.checks > 0 && p.checks < last.checks).length,
        error,
      };
    }

    it('an import of 1,000 stories: pings are answered between pieces of its JSON and between its stories, and then it is all there', async () => {
      const { whileParsing, whileValidating, error } = await pingedWhileRead(() => svc.import('big.json', bigFeed(1_000)));
      expect(error).toBeUndefined();
      expect(whileParsing).toBeGreaterThan(0);
      expect(whileValidating).toBeGreaterThan(0);
      expect(svc.holding('big-999')?.origins).toEqual(['import']);
    });

    it('a bad story near the end, found after pings were answered: the error names the story and its field, and nothing changed', async () => {
      const stories = JSON.parse(bigFeed(1_000)) as Record<string, unknown>[];
      stories[990]!.articleCount = 'many';
      const before = svc.library.size;
      const { whileValidating, error } = await pingedWhileRead(() => svc.import('bad.json', JSON.stringify(stories)));
      expect(whileValidating).toBeGreaterThan(0);
      expect(String(error)).toMatch(/^ImportError: bad\.json at \$\[990\]\.articleCount: expected number/);
      expect(svc.library.size).toBe(before);
      expect(svc.library.get('big-0')).toBeUndefined();
      expect((await start()).library.get('big-0')).toBeUndefined();
    });

    it('a feed of 1,000 stories: pings are answered while its body is read', async () => {
      server.publish(bigFeed(1_000));
      const { whileParsing, whileValidating, error } = await pingedWhileRead(() => svc.addFeed(server.url(ROUTES.feed), fetch));
      expect(error).toBeUndefined();
      expect(whileParsing).toBeGreaterThan(0);
      expect(whileValidating).toBeGreaterThan(0);
      expect(svc.library.get('big-999')).toBeDefined();
    });
  });
});
