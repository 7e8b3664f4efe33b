/**
 * Reads an article page: is it a single article, and what are its headline, dates and so on.
 * Generic sources first (JSON-LD, OpenGraph, standard meta tags, the canonical link, <time>), then
 * per-outlet patches (./patches) only where those get a field wrong. Reads the DOM, never writes it.
 */
import { withoutHash } from '../core/match/address';
import type { PageMeta } from '../core/match/page';
import { leadOf, patchFor } from './patches';

/** schema.org types of a single article (a set, not a regular expression: nothing to compile on the page). */
const ARTICLE_TYPES = new Set(
  'NewsArticle Article ReportageNewsArticle AnalysisNewsArticle BackgroundNewsArticle OpinionNewsArticle ReviewNewsArticle LiveBlogPosting BlogPosting Report SatiricalArticle ScholarlyArticle'.split(' '),
);

type Json = Record<string, unknown>;

/** JSON-LD objects on the page, flattened out of arrays and @graph. Malformed blocks are skipped. */
export function jsonLd(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (x: unknown, depth: number) => {
    if (depth > 4 || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x.slice(0, 50)) visit(y, depth + 1);
      return;
    }
    const o = x as Json;
    out.push(o);
    if (Array.isArray(o['@graph'])) visit(o['@graph'], depth + 1);
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length && i < 20; i++) {
    const raw = scripts[i]?.textContent ?? '';
    if (raw.length > 500_000) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A broken block on the page is the page's problem, not ours.
    }
  }
  return out;
}

function types(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/**
 * The page's <meta> tags by property or name, the first of each in document order, read in one pass:
 * a selector per key would walk the whole document for every key the page lacks.
 */
export function metaTags(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  const tags = doc.getElementsByTagName('meta');
  for (let i = 0; i < tags.length; i++) {
    const el = tags[i] as Element;
    const content = el.getAttribute('content') ?? '';
    for (const attr of ['property', 'name']) {
      const key = el.getAttribute(attr);
      if (key !== null && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

/** A <meta> tag's content by property or name (the first such tag's, from metaTags), trimmed; undefined when empty or absent. */
export const meta = (tags: ReadonlyMap<string, string>, key: string): string | undefined => {
  const v = tags.get(key)?.trim();
  return v ? v : undefined;
};

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.replace(/\s+/g, ' ').trim() : undefined);

const ENTITIES = new Map(Object.entries({
  amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026',
}));

/** Some CMSs (Ghost, some WordPress plugins) HTML-escape the strings inside JSON-LD: "Ukraine&#x27;s". */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));/g, (m, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES.get(name) ?? m;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

/** A JSON-LD string value: text as the page shows it. */
const ldStr = (x: unknown): string | undefined => (typeof x === 'string' ? str(decodeEntities(x)) : undefined);

/** `{"@id": …}` references (NYT's publisher, Yoast's @graph) resolved against the page's other JSON-LD nodes. */
function deref(x: unknown, byId: ReadonlyMap<string, Json>): unknown {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return x;
  const o = x as Json;
  return o.name === undefined && typeof o['@id'] === 'string' ? (byId.get(o['@id']) ?? o) : o;
}

/** "A, B" from a string, a Person, or a list of those; a list of lists goes one level deep at most. */
function authorName(x: unknown, byId: ReadonlyMap<string, Json>, depth = 0): string | undefined {
  if (typeof x === 'string') return ldStr(x);
  if (Array.isArray(x)) {
    if (depth > 1) return undefined;
    return x.slice(0, 20).map((y) => authorName(y, byId, depth + 1)).filter(Boolean).join(', ') || undefined;
  }
  const o = deref(x, byId);
  return o && typeof o === 'object' ? ldStr((o as Json).name) : undefined;
}

const clip = (s: string | undefined, n: number) => (s === undefined ? undefined : s.length > n ? s.slice(0, n) : s);

/** Home and section fronts ("/", "/world", "/news/uk/") are not articles, whatever their tags say. */
export function isFrontPath(pathname: string): boolean {
  const segments = pathname.split('/').filter(Boolean);
  return segments.length === 0 || (segments.length <= 2 && segments.every((s) => /^[a-z-]+$/.test(s) && s.length < 24));
}

/** "Headline | CNN" → "Headline", when the suffix is the site's name. */
function stripSiteSuffix(title: string, siteName: string | undefined): string {
  const m = /^(.*\S)\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]{2,40})$/.exec(title);
  if (!m) return title;
  const suffix = (m[2] ?? '').toLowerCase();
  const site = (siteName ?? '').toLowerCase();
  return site && (suffix.includes(site) || site.includes(suffix)) ? (m[1] ?? title) : title;
}

/** The page's article metadata, or null when the page is not a single article. */
export function readArticle(doc: Document, location: Pick<Location, 'href' | 'hostname' | 'pathname'>): PageMeta | null {
  const lds = jsonLd(doc);
  const ld = lds.find((o) => types(o).some((t) => ARTICLE_TYPES.has(t)));
  const tags = metaTags(doc);
  const ogType = meta(tags, 'og:type');
  const publishedMeta = meta(tags, 'article:published_time');
  const tagged = ld !== undefined || ogType === 'article' || publishedMeta !== undefined;
  if (!tagged) return null;
  if (ld === undefined && isFrontPath(location.pathname)) return null;

  const byId = new Map<string, Json>();
  for (const o of lds) if (typeof o['@id'] === 'string' && !byId.has(o['@id'])) byId.set(o['@id'], o);
  const pub = deref(Array.isArray(ld?.publisher) ? ld.publisher[0] : ld?.publisher, byId);
  const publisher = pub && typeof pub === 'object' ? ldStr((pub as Json).name) : undefined;
  const siteName = meta(tags, 'og:site_name') ?? publisher;
  const rawTitle = ldStr(ld?.headline) ?? meta(tags, 'og:title') ?? meta(tags, 'twitter:title') ?? str(doc.querySelector('h1')?.textContent) ?? str(doc.title);
  if (!rawTitle) return null;
  const title = stripSiteSuffix(rawTitle, siteName);

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(tags, 'og:url');
  let canonicalUrl: string | undefined;
  try {
    canonicalUrl = canonical ? new URL(canonical, location.href).href : undefined;
  } catch {
    canonicalUrl = undefined;
  }
  // The article's own <time> before any other: a masthead's "today" or a sidebar's list comes first in the page.
  const timeAttr = (sel: string) => doc.querySelector(sel)?.getAttribute('datetime')?.trim() || undefined;
  const published = ldStr(ld?.datePublished) ?? publishedMeta ?? timeAttr('article time[datetime]') ?? timeAttr('main time[datetime]') ?? timeAttr('time[datetime]');
  const lead = leadOf(doc.querySelectorAll('article p, main p, [itemprop="articleBody"] p'));

  const out: PageMeta = { url: withoutHash(location.href), title: clip(title, 1000) ?? '' };
  const put = <K extends keyof PageMeta>(k: K, v: PageMeta[K] | undefined) => {
    if (v !== undefined && v !== '') out[k] = v;
  };
  put('canonicalUrl', canonicalUrl && /^https?:/.test(canonicalUrl) ? clip(canonicalUrl, 4096) : undefined);
  put('description', clip(ldStr(ld?.description) ?? meta(tags, 'og:description') ?? meta(tags, 'description'), 4000));
  put('siteName', clip(siteName, 200));
  put('published', clip(published, 100));
  put('modified', clip(ldStr(ld?.dateModified) ?? meta(tags, 'article:modified_time'), 100));
  put('author', clip(authorName(ld?.author, byId) ?? meta(tags, 'author'), 500));
  put('lang', clip(doc.documentElement.lang || meta(tags, 'og:locale') || undefined, 35));
  put('lead', lead);
  return patchFor(location.hostname)?.(doc, out) ?? out;
}
