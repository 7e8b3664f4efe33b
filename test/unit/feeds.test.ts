/**
 * Feed refresh against a real HTTP server on loopback, with Node's own fetch: conditional requests,
 * the failures a feed can have (broken, slow, huge, hostile, redirected, 500), all-or-nothing
 * updates, and the retry schedule.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  backoffMs,
  fetchFeed,
  isDue,
  jitterFactor,
  nextState,
  parseFeed,
  syncFeed,
  validateFeedUrl,
  type FeedState,
  type FetchOptions,
  type SyncResult,
} from '../../src/core/feeds/sync';
import { ImportError } from '../../src/core/story/errors';
import type { Story } from '../../src/core/story/model';
import {
  BROKEN_FEED,
  CHANGED_FEED,
  GOOD_FEED,
  HOSTILE_TEXT,
  hostileStory,
  ROUTES,
  startFeedServer,
  type FeedServer,
} from '../support/feed-server';

const NOW = new Date('2026-02-01T12:00:00Z');
const MIN = 60_000;
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({ slowMs: 3_000 });
});
afterAll(async () => {
  await server.close();
});

const fresh = (path: string): FeedState => ({ url: server.url(path), failures: 0 });
const sync = (state: FeedState, opts: Partial<FetchOptions> = {}) => syncFeed(state, fetch, { now: NOW, ...opts });
const lastHeaders = (path: string) => server.stats(path).headers.at(-1) ?? {};

function updated(r: SyncResult): Extract<SyncResult, { kind: 'updated' }> {
  if (r.kind !== 'updated') throw new Error(`expected an update, got ${JSON.stringify(r)}`);
  return r;
}
/** A failure carries its message and nothing else: no stories, no records. */
function failedWith(r: SyncResult, pattern: RegExp): string {
  expect(r).toEqual({ kind: 'failed', message: expect.any(String) });
  const message = (r as { message: string }).message;
  expect(message).toMatch(pattern);
  return message;
}
const isHttp = (u: string) => /^https?:\/\//.test(u);
const urlsOf = (s: Story): string[] =>
  [
    ...s.sources.map((x) => x.url),
    ...s.articles.map((x) => x.url),
    ...s.links.map((x) => x.url),
    ...s.perspectives.flatMap((p) => p.sources.map((x) => x.url)),
  ].filter((u): u is string => u !== undefined);

describe('syncFeed against a feed server', () => {
  it('imports a good feed, and sends what a feed request should', async () => {
    const spy = vi.fn(fetch);
    const { state, result } = await syncFeed(fresh(ROUTES.good), spy, { now: NOW });
    expect(updated(result).stories.map((s) => s.id)).toEqual(['feed-harbour-bridge', 'feed-river-flood']);
    expect(updated(result).factChecks).toEqual([]);
    expect(state).toMatchObject({ url: server.url(ROUTES.good), etag: '"good-1"', failures: 0, lastAttempt: NOW.toISOString(), lastSuccess: NOW.toISOString() });
    expect(state.error).toBeUndefined();
    expect(state.nextAttempt).toBeUndefined();

    const [url, init] = spy.mock.calls[0] ?? [];
    expect(url).toBe(server.url(ROUTES.good));
    expect(init).toMatchObject({ cache: 'no-store', credentials: 'omit', redirect: 'follow' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    const headers = lastHeaders(ROUTES.good);
    expect(headers.accept).toBe('application/json, text/plain');
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
  });

  it('gets 304 for an unchanged feed (If-None-Match), and the new stories when it changes', async () => {
    const route = ROUTES.feed;
    server.publish(GOOD_FEED);
    const first = await sync(fresh(route));
    expect(updated(first.result).stories).toHaveLength(2);
    const etag = first.state.etag;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(first.state.lastModified).toBeTruthy();

    const before = server.stats(route).requests;
    const again = await sync(first.state);
    expect(again.result).toEqual({ kind: 'unchanged' });
    expect(server.stats(route).requests).toBe(before + 1);
    expect(lastHeaders(route)['if-none-match']).toBe(etag);
    expect(lastHeaders(route)['if-modified-since']).toBe(first.state.lastModified);
    expect(again.state).toMatchObject({ etag, failures: 0, lastSuccess: NOW.toISOString() });

    server.publish(CHANGED_FEED);
    const changed = await sync(again.state);
    const { stories } = updated(changed.result);
    expect(stories.map((s) => s.id)).toEqual(['feed-harbour-bridge', 'feed-river-flood', 'feed-rail-strike']);
    expect(stories[0]?.title).toBe('Harbour bridge reopens, tolls suspended');
    expect(changed.state.etag).not.toBe(etag);
    expect(lastHeaders(route)['if-none-match']).toBe(etag);
  });

  it('honours If-Modified-Since when the feed has no ETag on record', async () => {
    server.publish(GOOD_FEED);
    const { state } = await sync(fresh(ROUTES.feed));
    const { result } = await sync({ ...state, etag: undefined });
    expect(result).toEqual({ kind: 'unchanged' });
    expect(lastHeaders(ROUTES.feed)['if-none-match']).toBeUndefined();
  });

  it('rejects a broken feed whole, naming the URL and the line, and keeps the last good validators', async () => {
    const direct = await sync(fresh(ROUTES.broken));
    const message = failedWith(direct.result, /truncated/);
    expect(message.startsWith(`${server.url(ROUTES.broken)}:`)).toBe(true);
    expect(message).toMatch(/\.json:\d+: /);
    expect(direct.state).toMatchObject({ failures: 1, error: message, lastAttempt: NOW.toISOString() });
    expect(direct.state.lastSuccess).toBeUndefined();

    // A good copy, then a broken update of the same feed: failed, and the broken update is not taken as seen.
    server.publish(GOOD_FEED);
    const good = await sync(fresh(ROUTES.feed));
    server.publish(BROKEN_FEED);
    const broken = await sync(good.state);
    failedWith(broken.result, new RegExp(`^${server.url(ROUTES.feed).replace(/[.]/g, '\\.')}:\\d+: the JSON ends too early`));
    expect(broken.state).toMatchObject({ etag: good.state.etag, lastModified: good.state.lastModified, lastSuccess: NOW.toISOString(), failures: 1 });
    server.publish(CHANGED_FEED);
    const fixed = await sync(broken.state, { now: new Date(NOW.getTime() + 20 * MIN) });
    expect(updated(fixed.result).stories).toHaveLength(3);
    expect(fixed.state.failures).toBe(0);
    expect(fixed.state.error).toBeUndefined();
  });

  it('times out a slow feed, before the headers or in the middle of the body', async () => {
    for (const route of [ROUTES.slow, ROUTES.slowBody]) {
      const { state, result } = await sync(fresh(route), { timeoutMs: 300 });
      expect(failedWith(result, /timed out/)).toBe('timed out after 0.3 s');
      expect(state.failures).toBe(1);
      await vi.waitFor(() => expect(server.stats(route).disconnects).toBe(1));
    }
  });

  it('stops reading a feed larger than the limit, and hangs up', async () => {
    const { result } = await sync(fresh(ROUTES.huge));
    expect(failedWith(result, /larger than/)).toBe('the feed is larger than 20 MB');
    await vi.waitFor(() => expect(server.stats(ROUTES.huge).disconnects).toBe(1));
    expect(server.stats(ROUTES.huge).bytesSent).toBeLessThan(64 * 1024 * 1024);

    const small = await sync(fresh(ROUTES.huge), { maxBytes: 256 * 1024 });
    failedWith(small.result, /^the feed is larger than 256 KB$/);

    // A declared Content-Length over the limit is refused before the body is read.
    const declared = await sync(fresh(ROUTES.hugeDeclared));
    failedWith(declared.result, /^the feed is larger than 20 MB$/);
    await vi.waitFor(() => expect(server.stats(ROUTES.hugeDeclared).disconnects).toBe(1));
  });

  it('keeps markup as plain text, verbatim, in every text field', async () => {
    const { result } = await sync(fresh(ROUTES.hostileText));
    const [story] = updated(result).stories;
    expect(story).toEqual(hostileStory(false));
    expect(story?.title).toBe(`Title ${HOSTILE_TEXT}`);
    expect(story?.summary[0]?.sentences[0]?.text).toContain('<script>alert(1)</script><img src=x onerror=alert(1)>');
  });

  it('rejects a canonical feed with javascript: URLs whole (the importer refuses non-http URLs)', async () => {
    const { result } = await sync(fresh(ROUTES.hostile));
    const message = failedWith(result, /must be an absolute http\(s\) URL/);
    expect(message).toContain(server.url(ROUTES.hostile));
    expect(message).toMatch(/ at \$\[0\]\.sources\[0\]\.url/);
  });

  it('imports a Kagi feed with javascript: links, dropping the links and keeping the markup as text', async () => {
    const { result } = await sync(fresh(ROUTES.hostileKagi));
    const [story] = updated(result).stories;
    if (!story) throw new Error('no story');
    expect(story.title).toContain('<script>alert(1)</script>');
    expect(story.summary[0]?.text).toContain('<img src=x onerror=alert(1)>');
    expect(story.articles.map((a) => a.url)).toEqual([undefined, undefined]);
    expect(urlsOf(story).every(isHttp)).toBe(true);
  });

  it('imports a Kagi News feed', async () => {
    const { result } = await sync(fresh(ROUTES.kagi));
    const [story] = updated(result).stories;
    expect(story).toMatchObject({ id: 'kagi-port-strike', title: 'Port workers end week-long strike', format: 'kagi', articleCount: 2 });
    expect(story?.sources.map((s) => s.url)).toEqual(['https://www.example.com/strike-ends', 'https://www.sample.org/pay-deal']);
  });

  it('imports a fact-check feed (ClaimReview)', async () => {
    const { result } = await sync(fresh(ROUTES.claimReview));
    const { stories, factChecks } = updated(result);
    expect(stories).toEqual([]);
    expect(factChecks).toHaveLength(1);
    expect(factChecks[0]).toMatchObject({ claim: 'The harbour bridge was closed for ten years', rating: 'False', url: 'https://factcheck.example.org/reviews/bridge-closed' });
  });

  it('refuses a redirect to plain http on another host, and follows one on localhost', async () => {
    const { result } = await sync(fresh(ROUTES.redirectHttp), { timeoutMs: 2_000 });
    if (server.altListening) failedWith(result, /redirected to http:\/\/127\.0\.0\.2:\d+\/good\.json, which is not https/);
    else failedWith(result, /./);

    const local = await sync(fresh(ROUTES.redirectLocal));
    expect(updated(local.result).stories).toHaveLength(2);
  });

  it('fails on HTTP errors, empty feeds, bad encodings and unreachable servers', async () => {
    failedWith((await sync(fresh(ROUTES.error500))).result, /HTTP 500/);
    failedWith((await sync(fresh('/no-such-feed.json'))).result, /HTTP 404/);
    failedWith((await sync(fresh(ROUTES.empty))).result, /no stories and no fact-check records/);
    failedWith((await sync(fresh(ROUTES.notUtf8))).result, /not valid UTF-8/);
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    failedWith((await sync({ url: 'http://127.0.0.1:1/feed.json', failures: 0 })).result, /^could not fetch the feed/);
  });

  it('does not fetch a URL the rules refuse', async () => {
    const spy = vi.fn(fetch);
    const { state, result } = await syncFeed({ url: 'http://example.com/feed.json', failures: 0 }, spy, { now: NOW });
    failedWith(result, /https/);
    expect(spy).not.toHaveBeenCalled();
    expect(state.failures).toBe(1);
  });

  /** A fetch that answers as a server would after following redirects to `finalUrl`. */
  const answering = (finalUrl: string, status: number, body = '[]') =>
    (async () => {
      const r = new Response(status === 304 ? null : body, { status, headers: { 'content-type': 'application/json' } });
      Object.defineProperty(r, 'url', { value: finalUrl });
      return r;
    }) as unknown as typeof fetch;

  it('refuses a redirect to another https host: the reader allowed this feed’s host only', async () => {
    const r = await fetchFeed({ url: 'https://feeds.example.org/news.json', failures: 0 }, answering('https://tracker.example.net/news.json', 200), { now: NOW });
    expect(r).toEqual({ kind: 'error', message: 'the feed redirected to another host (tracker.example.net); refused' });
    const same = await fetchFeed({ url: 'https://feeds.example.org/news.json', failures: 0 }, answering('https://feeds.example.org/v2/news.json', 200), { now: NOW });
    expect(same.kind).toBe('ok');
  });

  it('takes 304 as "not modified" only when the request carried validators', async () => {
    const bare = await fetchFeed({ url: 'https://feeds.example.org/news.json', failures: 0 }, answering('https://feeds.example.org/news.json', 304), { now: NOW });
    expect(bare).toEqual({ kind: 'error', message: 'the server answered HTTP 304 Not Modified to a request that asked for no comparison' });
    const conditional = await fetchFeed({ url: 'https://feeds.example.org/news.json', failures: 0, etag: '"v1"' }, answering('https://feeds.example.org/news.json', 304), { now: NOW });
    expect(conditional).toEqual({ kind: 'not-modified' });
  });

  it('fetchFeed never throws, even when fetch itself does', async () => {
    const boom = (() => {
      throw new Error('boom');
    }) as unknown as typeof fetch;
    expect(await fetchFeed({ url: 'https://example.com/f.json', failures: 0 }, boom, { now: NOW })).toEqual({ kind: 'error', message: 'could not fetch the feed: boom' });
  });
});

describe('parseFeed', () => {
  it('returns stories, and throws ImportError naming the URL for a bad or empty feed', () => {
    expect(parseFeed(GOOD_FEED, 'https://f.example/a.json').stories).toHaveLength(2);
    expect(() => parseFeed(BROKEN_FEED, 'https://f.example/a.json')).toThrow(ImportError);
    expect(() => parseFeed(BROKEN_FEED, 'https://f.example/a.json')).toThrow(/^https:\/\/f\.example\/a\.json:\d+: /);
    expect(() => parseFeed('{"format":"storylens-library","version":1,"stories":[]}', 'https://f.example/a.json')).toThrow(/no stories/);
  });
});

describe('retry schedule', () => {
  const url = 'https://feeds.example.com/stories.json';
  const fail = (s: FeedState, at: Date) => nextState(s, { kind: 'error', message: 'HTTP 503' }, at);
  const delayMin = (s: FeedState, at: Date) => (Date.parse(s.nextAttempt ?? '') - at.getTime()) / MIN;

  it('backs off 15, 30, 60 min … up to 24 h, with a fixed per-URL jitter of at most 10 %', () => {
    const f = jitterFactor(url);
    expect(f).toBeGreaterThanOrEqual(0.9);
    expect(f).toBeLessThan(1.1);
    expect(jitterFactor(url)).toBe(f);
    expect(jitterFactor('https://other.example.com/feed.json')).not.toBe(f);

    let s: FeedState = { url, failures: 0 };
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      s = fail(s, NOW);
      delays.push(delayMin(s, NOW));
      expect(s.failures).toBe(i + 1);
      expect(s.error).toBe('HTTP 503');
      expect(s.lastAttempt).toBe(NOW.toISOString());
    }
    const base = [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440];
    delays.forEach((d, i) => expect(d).toBeCloseTo((base[i] ?? 0) * f, 3));
    expect(backoffMs(1_000, url)).toBe(backoffMs(9, url));
  });

  it('resets after a success, and the next failure starts again at 15 min', () => {
    let s: FeedState = { url, failures: 0, etag: '"a"' };
    for (let i = 0; i < 4; i++) s = fail(s, NOW);
    expect(s.etag).toBe('"a"');
    const later = new Date(NOW.getTime() + 3 * 60 * MIN);
    s = nextState(s, { kind: 'not-modified' }, later);
    expect(s).toMatchObject({ failures: 0, lastSuccess: later.toISOString(), lastAttempt: later.toISOString(), etag: '"a"' });
    expect(s.error).toBeUndefined();
    expect(s.nextAttempt).toBeUndefined();
    // Cleared fields are there as undefined, so that spreading the state over a stored record clears them too.
    const stored = { ...{ url, failures: 4, error: 'HTTP 503', nextAttempt: NOW.toISOString(), name: 'kept' }, ...s };
    expect(stored.error).toBeUndefined();
    expect(stored.nextAttempt).toBeUndefined();
    s = fail(s, later);
    expect(delayMin(s, later)).toBeCloseTo(15 * jitterFactor(url), 3);

    const ok = nextState({ ...s, lastModified: 'x' }, { kind: 'ok', text: '[]', etag: '"b"' }, later);
    expect(ok).toMatchObject({ etag: '"b"', failures: 0 });
    expect(ok.lastModified).toBeUndefined();
    expect(nextState({ url, failures: 0, name: 'kept' } as FeedState & { name: string }, { kind: 'invalid', message: 'bad' }, NOW).name).toBe('kept');
  });
});

describe('isDue', () => {
  const at = (min: number) => new Date(NOW.getTime() + min * MIN).toISOString();
  const url = 'https://feeds.example.com/stories.json';

  it('is due when never tried', () => {
    expect(isDue({ url, failures: 0 }, NOW, 60)).toBe(true);
  });
  it('when healthy, is due once the refresh interval has passed since the last attempt', () => {
    expect(isDue({ url, failures: 0, lastAttempt: at(-30) }, NOW, 60)).toBe(false);
    expect(isDue({ url, failures: 0, lastAttempt: at(-60) }, NOW, 60)).toBe(true);
    expect(isDue({ url, failures: 0, lastAttempt: at(-61) }, NOW, 60)).toBe(true);
  });
  it('when failing, waits for nextAttempt whatever the refresh interval', () => {
    expect(isDue({ url, failures: 2, lastAttempt: at(-90), nextAttempt: at(10) }, NOW, 60)).toBe(false);
    expect(isDue({ url, failures: 2, lastAttempt: at(-5), nextAttempt: at(0) }, NOW, 60)).toBe(true);
    expect(isDue({ url, failures: 2, lastAttempt: at(-5) }, NOW, 60)).toBe(true);
  });
  it('is due when a recorded time is unreadable or in the future (the clock went back)', () => {
    expect(isDue({ url, failures: 0, lastAttempt: 'yesterday' }, NOW, 60)).toBe(true);
    expect(isDue({ url, failures: 0, lastAttempt: at(600) }, NOW, 60)).toBe(true);
  });
  it('agrees with nextState', () => {
    const s = nextState<FeedState>({ url, failures: 0 }, { kind: 'error', message: 'x' }, NOW);
    expect(isDue(s, new Date(Date.parse(s.nextAttempt ?? '') - 1), 60)).toBe(false);
    expect(isDue(s, new Date(Date.parse(s.nextAttempt ?? '')), 60)).toBe(true);
    const ok = nextState(s, { kind: 'not-modified' }, NOW);
    expect(isDue(ok, new Date(NOW.getTime() + 59 * MIN), 60)).toBe(false);
    expect(isDue(ok, new Date(NOW.getTime() + 60 * MIN), 60)).toBe(true);
  });
});

describe('validateFeedUrl', () => {
  it('accepts https, and plain http on localhost only', () => {
    expect(validateFeedUrl('https://feeds.example.com/stories.json')).toBe('https://feeds.example.com/stories.json');
    expect(validateFeedUrl('http://localhost:8080/x')).toBe('http://localhost:8080/x');
    expect(validateFeedUrl('http://127.0.0.1:9000/feed.json')).toBe('http://127.0.0.1:9000/feed.json');
    expect(validateFeedUrl('http://[::1]:9000/feed.json')).toBe('http://[::1]:9000/feed.json');
    expect(() => validateFeedUrl('http://example.com/feed.json')).toThrow(/must use https:\/\//);
    expect(() => validateFeedUrl('http://localhost.example.com/feed.json')).toThrow(/must use https/);
    expect(() => validateFeedUrl('http://127.0.0.2/feed.json')).toThrow(/must use https/);
  });
  it('normalises: trims, lower-cases scheme and host, drops the fragment', () => {
    expect(validateFeedUrl('  HTTPS://Feeds.Example.COM:443/a b.json?x=1#top ')).toBe('https://feeds.example.com/a%20b.json?x=1');
  });
  it('refuses credentials, other schemes, non-URLs and very long URLs', () => {
    expect(() => validateFeedUrl('https://user:secret@feeds.example.com/x.json')).toThrow(/user name or password/);
    expect(() => validateFeedUrl('https://token@feeds.example.com/x.json')).toThrow(/user name or password/);
    expect(() => validateFeedUrl('javascript:alert(1)')).toThrow(/must start with https:\/\//);
    expect(() => validateFeedUrl('file:///etc/passwd')).toThrow(/must start with https:\/\//);
    expect(() => validateFeedUrl('ftp://feeds.example.com/x.json')).toThrow(/must start with https:\/\//);
    expect(() => validateFeedUrl('feeds.example.com/x.json')).toThrow(/not a valid URL/);
    expect(() => validateFeedUrl('')).toThrow(/empty/);
    expect(() => validateFeedUrl(`https://feeds.example.com/${'a'.repeat(2048)}`)).toThrow(/longer than 2,048 characters/);
  });
});
