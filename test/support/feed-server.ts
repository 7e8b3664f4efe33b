/**
 * A stand-in for a story feed, for the unit and end-to-end tests: a plain HTTP server on 127.0.0.1
 * (ephemeral port) with a set of routes that each play one case a feed can be in, good or bad. It
 * counts the requests to each route and keeps their headers, and notices when a client hangs up
 * before the end of a response.
 *
 * Bounded: everything is on loopback, no route redirects to itself, the slow routes answer after a
 * fixed delay, the huge route sends a fixed amount, and `close()` cancels timers and drops open
 * connections. A second listener on 127.0.0.2 (loopback on Linux, but not "localhost" by the feed
 * rules) stands in for a plain-http host a feed might redirect to; where it cannot be bound the
 * redirect points at an unused port there, and fails all the same.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, stats: RouteStats) => void;

export interface RouteStats {
  /** Requests received (on either listener). */
  requests: number;
  /** Request headers, in order. */
  headers: IncomingHttpHeaders[];
  /** Responses the client hung up on before their end. */
  disconnects: number;
  /** Body bytes handed to the socket (the streaming routes count these). */
  bytesSent: number;
}

export interface FeedServerOptions {
  /** Delay of the slow routes (default 5 s: well past the timeout a test sets). */
  slowMs?: number;
  /** What the huge routes send at most (default 64 MiB: more than the 20 MiB limit). */
  hugeBytes?: number;
}

/** The routes every server has; `server.url(ROUTES.good)` is the URL of one. */
export const ROUTES = {
  /** Two canonical stories; ETag "good-1", honours If-None-Match. */
  good: '/good.json',
  /** A feed that changes when the test calls `publish`; ETag per content, honours If-None-Match and If-Modified-Since. */
  feed: '/feed.json',
  /** The good feed cut off part-way (invalid JSON). */
  broken: '/broken.json',
  /** The good feed, but only after `slowMs`. */
  slow: '/slow.json',
  /** Headers and the first bytes at once, the rest only after `slowMs`. */
  slowBody: '/slow-body.json',
  /** Streams `hugeBytes` of JSON-ish padding without Content-Length. */
  huge: '/huge.json',
  /** Declares Content-Length `hugeBytes`, then streams like `huge`. */
  hugeDeclared: '/huge-declared.json',
  /** Canonical stories with markup in every text field and javascript: URLs. */
  hostile: '/hostile.json',
  /** Like `hostile` but with only http(s) URLs: markup in every text field, nothing else wrong. */
  hostileText: '/hostile-text.json',
  /** A Kagi story with markup in its texts and javascript: links. */
  hostileKagi: '/hostile-kagi.json',
  /** 302 to the good feed on http://127.0.0.2 (plain http, not localhost). */
  redirectHttp: '/redirect-http',
  /** 302 to the good feed on this server (plain http on 127.0.0.1, allowed). */
  redirectLocal: '/redirect-local',
  /** HTTP 500. */
  error500: '/error-500',
  /** Kagi News JSON (`{clusters: [...]}`). */
  kagi: '/kagi.json',
  /** Fact-check records: schema.org ClaimReview JSON-LD. */
  claimReview: '/claimreview.json',
  /** A library export with nothing in it. */
  empty: '/empty.json',
  /** Bytes that are not UTF-8. */
  notUtf8: '/not-utf8.json',
} as const;

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  /** Whether the 127.0.0.2 listener is up (the http-redirect route then reaches a real server). */
  readonly altListening: boolean;
  url(path: string): string;
  /** Adds or replaces a route. */
  route(path: string, handler: Handler): void;
  /** Per-route counters (created on first use, so a route never hit reads as zero). */
  stats(path: string): RouteStats;
  /** Replaces the content of `ROUTES.feed` (a new ETag and Last-Modified). */
  publish(text: string): void;
  close(): Promise<void>;
}

// ----- feed content -----

const source = (n: number, outlet: string, domain: string, slug: string) => ({
  n,
  outlet,
  title: `${outlet} report ${n}`,
  description: '',
  url: `https://www.${domain}/news/${slug}`,
  domain,
});

export function canonicalStory(id: string, title: string, text: string) {
  const sources = [source(1, 'Example News', 'example.com', `${id}-a`), source(2, 'Sample Times', 'sample.org', `${id}-b`)];
  return {
    id,
    title,
    updated: '2026-02-01T10:00:00Z',
    articleCount: 2,
    summary: [{ heading: 'Summary', text, citations: [1, 2], sentences: [{ text, citations: [1, 2] }] }],
    sources,
    timeline: [{ date: '2026-01-30', precision: 'day', text: `First reports: ${text}`, citations: [1] }],
    articles: sources.map((s) => ({ outlet: s.outlet, title: s.title, url: s.url, domain: s.domain, published: '2026-02-01T09:00:00Z' })),
    links: [],
    perspectives: [],
    format: 'canonical',
  };
}

const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/** The good feed: two canonical stories. */
export const GOOD_FEED = json([
  canonicalStory('feed-harbour-bridge', 'Harbour bridge reopens after repairs', 'The harbour bridge reopened to traffic on Friday.'),
  canonicalStory('feed-river-flood', 'River flood warnings lifted', 'Flood warnings along the river were lifted on Saturday.'),
]);

/** The good feed, a day later: one story changed, one added. */
export const CHANGED_FEED = json([
  canonicalStory('feed-harbour-bridge', 'Harbour bridge reopens, tolls suspended', 'The harbour bridge reopened and tolls were suspended for a week.'),
  canonicalStory('feed-river-flood', 'River flood warnings lifted', 'Flood warnings along the river were lifted on Saturday.'),
  canonicalStory('feed-rail-strike', 'Rail strike called off', 'The rail unions called off Monday’s strike.'),
]);

/** Cut in the middle of the second story. */
export const BROKEN_FEED = GOOD_FEED.slice(0, Math.floor(GOOD_FEED.length * 0.7));

/** Markup that would run if a text were rendered as HTML, and a link that would. */
export const HOSTILE_TEXT = '<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">click</a>';
export const HOSTILE_URL = 'javascript:alert(1)';

/** A canonical story whose every text field holds `HOSTILE_TEXT`; `jsUrls` puts javascript: in every URL field. */
export function hostileStory(jsUrls: boolean) {
  const t = (what: string) => `${what} ${HOSTILE_TEXT}`;
  const url = (path: string) => (jsUrls ? HOSTILE_URL : `https://www.example.com/${path}`);
  return {
    id: `hostile-${jsUrls ? 'urls' : 'text'}-${HOSTILE_TEXT}`,
    title: t('Title'),
    updated: '2026-02-01T10:00:00Z',
    articleCount: 1,
    summary: [{ heading: t('Heading'), text: t('Summary'), citations: [1], sentences: [{ text: t('Sentence'), citations: [1] }] }],
    sources: [{ n: 1, outlet: t('Outlet'), title: t('Source title'), description: t('Description'), url: url('source'), domain: t('Domain') }],
    timeline: [{ date: null, precision: null, text: t('Event'), citations: [1], label: t('Label') }],
    articles: [{ outlet: t('Outlet'), title: t('Article title'), url: url('article'), domain: t('Domain') }],
    links: [{ url: url('link'), cited: 1 }],
    perspectives: [{ text: t('Perspective'), sources: [{ name: t('Name'), url: url('perspective') }] }],
    format: 'canonical',
  };
}

export const HOSTILE_FEED = json([hostileStory(true)]);
export const HOSTILE_TEXT_FEED = json([hostileStory(false)]);

export function kagiStory(id: string, hostile = false) {
  const t = (s: string) => (hostile ? `${s} ${HOSTILE_TEXT}` : s);
  const link = (path: string) => (hostile ? HOSTILE_URL : `https://www.example.com/${path}`);
  return {
    id,
    cluster_number: 1,
    title: t('Port workers end week-long strike'),
    short_summary: t('Port workers voted to end their strike after a pay deal [example.com#1].'),
    published: 1769940000,
    talking_points: [t('Pay deal: The agreement raises wages by 6% over two years [example.com#1] [sample.org#1].')],
    perspectives: [{ text: t('Unions called the deal a win.'), sources: [{ name: t('Union'), url: link('union') }] }],
    timeline: [{ date: '2026-01-25', content: t('The strike began.') }],
    articles: [
      { title: t('Strike ends at the port'), link: link('strike-ends'), domain: 'example.com', publisher: t('Example News'), date: '2026-02-01T09:00:00Z' },
      { title: t('What the pay deal means'), link: hostile ? HOSTILE_URL : 'https://www.sample.org/pay-deal', domain: 'sample.org', publisher: 'Sample Times' },
    ],
    source_urls: hostile ? [HOSTILE_URL] : ['https://www.example.com/strike-ends', 'https://www.sample.org/pay-deal'],
  };
}

export const KAGI_FEED = json({ clusters: [kagiStory('kagi-port-strike')] });
export const HOSTILE_KAGI_FEED = json({ clusters: [kagiStory('kagi-hostile', true)] });
export const CLAIMREVIEW_FEED = json([
  {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: 'https://factcheck.example.org/reviews/bridge-closed',
    claimReviewed: 'The harbour bridge was closed for ten years',
    author: { '@type': 'Organization', name: 'Example Checks', url: 'https://factcheck.example.org/' },
    datePublished: '2026-01-31',
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
    itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A. Councillor' }, datePublished: '2026-01-29' },
  },
]);
export const EMPTY_FEED = json({ format: 'storylens-library', version: 1, stories: [], factChecks: [] });

// ----- the server -----

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;

function send(res: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const slowMs = options.slowMs ?? 5_000;
  const hugeBytes = options.hugeBytes ?? 64 * 1024 * 1024;
  const routes = new Map<string, Handler>();
  const counters = new Map<string, RouteStats>();
  const timers = new Set<NodeJS.Timeout>();
  const stats = (path: string): RouteStats => {
    let s = counters.get(path);
    if (!s) counters.set(path, (s = { requests: 0, headers: [], disconnects: 0, bytesSent: 0 }));
    return s;
  };
  let feed = { text: GOOD_FEED, etag: etagOf(GOOD_FEED), version: 1 };
  const lastModified = () => new Date(Date.UTC(2026, 1, 1, 0, 0, feed.version)).toUTCString();

  const later = (res: ServerResponse, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!res.destroyed) fn();
    }, slowMs);
    timers.add(t);
    res.on('close', () => {
      clearTimeout(t);
      timers.delete(t);
    });
  };
  const watchDisconnect = (res: ServerResponse, s: RouteStats) =>
    res.on('close', () => {
      if (!res.writableFinished) s.disconnects++;
    });
  const stream = (declare: boolean): Handler => (_req, res, s) => {
    watchDisconnect(res, s);
    res.writeHead(200, { 'Content-Type': 'application/json', ...(declare ? { 'Content-Length': String(hugeBytes) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < hugeBytes && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, hugeBytes - sent));
        sent += part.length;
        s.bytesSent = sent;
        if (!res.write(part)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };

  const server: FeedServer = {
    origin: '',
    port: 0,
    altListening: false,
    url: (path) => `${server.origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    stats,
    publish(text) {
      feed = { text, etag: etagOf(text), version: feed.version + 1 };
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(listeners.map(closeServer));
    },
  };

  server.route(ROUTES.good, (req, res) => {
    if (req.headers['if-none-match'] === '"good-1"') return void res.writeHead(304, { ETag: '"good-1"' }).end();
    send(res, GOOD_FEED, { ETag: '"good-1"' });
  });
  server.route(ROUTES.feed, (req, res) => {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const validators = { ETag: feed.etag, 'Last-Modified': lastModified() };
    const fresh = inm !== undefined ? inm === feed.etag : ims !== undefined && Date.parse(ims) >= Date.parse(lastModified());
    if (fresh) return void res.writeHead(304, validators).end();
    send(res, feed.text, validators);
  });
  server.route(ROUTES.broken, (_req, res) => send(res, BROKEN_FEED));
  server.route(ROUTES.slow, (_req, res, s) => {
    watchDisconnect(res, s);
    later(res, () => send(res, GOOD_FEED));
  });
  server.route(ROUTES.slowBody, (_req, res, s) => {
    watchDisconnect(res, s);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write(GOOD_FEED.slice(0, 100));
    later(res, () => res.end(GOOD_FEED.slice(100)));
  });
  server.route(ROUTES.huge, stream(false));
  server.route(ROUTES.hugeDeclared, stream(true));
  server.route(ROUTES.hostile, (_req, res) => send(res, HOSTILE_FEED));
  server.route(ROUTES.hostileText, (_req, res) => send(res, HOSTILE_TEXT_FEED));
  server.route(ROUTES.hostileKagi, (_req, res) => send(res, HOSTILE_KAGI_FEED));
  server.route(ROUTES.redirectHttp, (_req, res) => void res.writeHead(302, { Location: `http://127.0.0.2:${altPort}${ROUTES.good}` }).end());
  server.route(ROUTES.redirectLocal, (_req, res) => void res.writeHead(302, { Location: ROUTES.good }).end());
  server.route(ROUTES.error500, (_req, res) => void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error'));
  server.route(ROUTES.kagi, (_req, res) => send(res, KAGI_FEED));
  server.route(ROUTES.claimReview, (_req, res) => send(res, CLAIMREVIEW_FEED, { 'Content-Type': 'application/ld+json' }));
  server.route(ROUTES.empty, (_req, res) => send(res, EMPTY_FEED));
  server.route(ROUTES.notUtf8, (_req, res) => send(res, Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d])));

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // A connection a request: a kept-alive socket that the server closes after 5 idle seconds could be
    // taken up by a test's next fetch just as it closes (ECONNRESET, seen in bench:library's feed).
    res.setHeader('Connection', 'close');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const s = stats(path);
    s.requests++;
    s.headers.push(req.headers);
    const handler = routes.get(path);
    if (!handler) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    handler(req, res, s);
  };

  const main = createServer(handle);
  const listeners: Server[] = [main];
  const port = await listen(main, '127.0.0.1', 0);
  let altPort = port;
  let altListening = false;
  const alt = createServer(handle);
  try {
    altPort = await listen(alt, '127.0.0.2', 0);
    altListening = true;
    listeners.push(alt);
  } catch {
    // Not every system routes all of 127/8 to loopback; the redirect then leads nowhere.
  }
  return Object.assign(server, { origin: `http://127.0.0.1:${port}`, port, altListening });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
