/**
 * The end-to-end tests' stand-in for the news sites: an HTTPS server on 127.0.0.1 (ephemeral port)
 * that serves the saved fixture pages in test/fixtures/pages by Host + path, with a throwaway
 * self-signed certificate made by `openssl` for the outlets' domains. The browsers are pointed at
 * it by host-resolver rules (Chromium) or `network.dns.forceResolve` (Firefox), so the content
 * script sees the real origins (https://www.bbc.com/…) and its manifest match patterns apply.
 *
 * Nothing here touches the network beyond loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

/** Domains the certificate is valid for (and the hosts the browsers are told to resolve to us). */
export const CERT_HOSTS = [
  'cnn.com',
  '*.cnn.com',
  'edition.cnn.com',
  'www.cnn.com',
  'bbc.com',
  '*.bbc.com',
  'www.bbc.com',
  'bbc.co.uk',
  '*.bbc.co.uk',
  'www.bbc.co.uk',
  'apnews.com',
  '*.apnews.com',
  'newsweek.com',
  '*.newsweek.com',
  'reuters.com',
  '*.reuters.com',
  // Kagi News: the release build reads only https://kite.kagi.com/, so the e2e serves it here.
  'kite.kagi.com',
] as const;

/** The fixture pages, by name: where each lives on the (pretend) web. */
export const PAGES = {
  /** Source 6 of the built-in story; headline with U+2011 as in the story text. */
  bbcArticle: { host: 'www.bbc.com', path: '/news/articles/trump-putin-pause', file: 'bbc-trump-putin-pause.html' },
  /** Source 2 of the built-in story; headline with an ASCII hyphen ("US-Backed"), the story has U+2011. */
  cnnArticle: { host: 'edition.cnn.com', path: '/2026/02/03/europe/russia-ukraine-strikes-pause-ends-intl', file: 'cnn-russia-resumes-strikes.html' },
  /** Not an article: og:type=website, JSON-LD WebSite only. */
  cnnHome: { host: 'edition.cnn.com', path: '/', file: 'cnn-home.html' },
  /** An article, on another topic: no story matches it. */
  cnnUnrelated: { host: 'edition.cnn.com', path: '/2026/02/02/climate/florida-coral-reef-recovery', file: 'cnn-coral-reefs.html' },
  /** Source 3 of the built-in story, its headline as the story lists it (curly apostrophes). */
  apArticle: { host: 'apnews.com', path: '/article/russia-ukraine-war-drones-missiles-power-grid-cold-7e1f0c2d9a4b4c5e8f3a6b1d2c9e0f47', file: 'ap-russia-drone-missile-barrage.html' },
  /** AP's Russia-Ukraine hub: a section front, not an article. */
  apHub: { host: 'apnews.com', path: '/hub/russia-ukraine', file: 'ap-hub-russia-ukraine.html' },
  /**
   * Source 8 of the built-in story ("Trump Says Putin Agreed to One‑Week Kyiv Strike Pause Amid Extreme
   * Cold") under a rewritten headline, as outlets retitle articles after publication.
   */
  newsweekRewritten: { host: 'www.newsweek.com', path: '/putin-agreed-one-week-pause-kyiv-strikes-trump-says-2108517', file: 'newsweek-putin-pause-rewritten.html' },
  /** Newsweek's home page (og:type website). */
  newsweekHome: { host: 'www.newsweek.com', path: '/', file: 'newsweek-home.html' },
  /** An article that only a story from the library tests' feed cites (test/e2e/library.e2e.test.ts). */
  reutersFeedArticle: { host: 'www.reuters.com', path: '/world/harbour-bridge-reopens-traffic-after-two-years-repairs-2026-01-30/', file: 'reuters-harbour-bridge.html' },
} as const;
export type PageName = keyof typeof PAGES;

/** Static assets the pages reference (same-origin only: there is no outside network). */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/news/assets/vendor.js': { file: 'assets-vendor.js', type: 'text/javascript; charset=utf-8' },
  '/assets/ads-loader.js': { file: 'assets-vendor.js', type: 'text/javascript; charset=utf-8' },
  '/news/assets/site.css': { file: 'assets-site.css', type: 'text/css; charset=utf-8' },
  '/assets/cnn-article.css': { file: 'assets-site.css', type: 'text/css; charset=utf-8' },
};

/** https URL of a fixture page; `port` only when the browser cannot remap ports (Firefox). */
export function pageUrl(name: PageName, port?: number): string {
  const p = PAGES[name];
  return `https://${p.host}${port === undefined ? '' : `:${port}`}${p.path}`;
}

export interface FixtureServer {
  port: number;
  /** base64 SHA-256 of the certificate's public key (SPKI), for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Every request served, as "host path" (host without port), in order. */
  requests: string[];
  /** Serves these JSON files at `host` from now on (path without the leading "/" → body): a stand-in for a JSON site such as kite.kagi.com. */
  publish(host: string, files: ReadonlyMap<string, string>): void;
  /** Serves this HTML page at `host` + `path` from now on: an article a story lists, made by the test. */
  publishPage(host: string, path: string, html: string): void;
  close(): Promise<void>;
}

function openssl(args: string[]): Buffer {
  try {
    return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (error.code === 'ENOENT') {
      throw new Error('The e2e tests need `openssl` to make a throwaway TLS certificate, and it is not on PATH: apt-get install openssl');
    }
    throw new Error(`openssl ${args[0]} failed: ${error.stderr?.toString() || error.message}`);
  }
}

/** A self-signed certificate for CERT_HOSTS, valid one day, made in a temp dir that is then deleted. */
export function makeCertificate(): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'storylens-e2e-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    openssl([
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', keyPath, '-out', certPath,
      '-subj', '/CN=storylens-e2e.test',
      '-addext', `subjectAltName=${CERT_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
      '-addext', 'extendedKeyUsage=serverAuth',
    ]);
    const pubPath = join(dir, 'pub.der');
    openssl(['x509', '-in', certPath, '-noout', '-pubkey', '-out', join(dir, 'pub.pem')]);
    openssl(['pkey', '-pubin', '-in', join(dir, 'pub.pem'), '-outform', 'DER', '-out', pubPath]);
    const spki = openssl(['dgst', '-sha256', '-binary', pubPath]).toString('base64');
    return { key: readFileSync(keyPath), cert: readFileSync(certPath), spki };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function route(host: string, path: string): { body: Buffer; type: string } | null {
  for (const page of Object.values(PAGES)) {
    const sameHost = host === page.host || (page.host.endsWith('cnn.com') && host === 'www.cnn.com');
    if (sameHost && path === page.path) return { body: readFileSync(join(FIXTURE_DIR, page.file)), type: 'text/html; charset=utf-8' };
  }
  const asset = ASSETS[path];
  if (asset) return { body: readFileSync(join(FIXTURE_DIR, asset.file)), type: asset.type };
  return null;
}

/** Starts the fixture server on 127.0.0.1 with an ephemeral port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const { key, cert, spki } = makeCertificate();
  const requests: string[] = [];
  const published = new Map<string, ReadonlyMap<string, string>>();
  const pages = new Map<string, string>();
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push(`${host} ${path}`);
    const json = published.get(host)?.get(decodeURIComponent(path.slice(1)));
    if (json !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(json);
      return;
    }
    const page = pages.get(`${host}${path}`);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const found = route(host, path);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title><h1>404</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store', 'content-length': found.body.length }).end(found.body);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    spki,
    requests,
    publish(host, files) {
      published.set(host, files);
    },
    publishPage(host, path, html) {
      pages.set(`${host}${path}`, html);
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
