/**
 * Reads an article page: is it an article, and what are its title, dates and so on. Generic sources
 * first (JSON-LD, OpenGraph, standard meta tags, the canonical link, <time>); outlet patches only
 * where those fail. Reads the DOM, never writes it.
 */
import type { PageMeta } from '../core/match/page';

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|LiveBlogPosting|BlogPosting|Report)$/;

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

const meta = (doc: Document, key: string): string | undefined => {
  const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  const v = el?.getAttribute('content')?.trim();
  return v ? v : undefined;
};

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

function authorName(x: unknown): string | undefined {
  if (typeof x === 'string') return str(x);
  if (Array.isArray(x)) return x.map(authorName).filter(Boolean).join(', ') || undefined;
  if (x && typeof x === 'object') return str((x as Json).name);
  return undefined;
}

const clip = (s: string | undefined, n: number) => (s === undefined ? undefined : s.length > n ? s.slice(0, n) : s);

/** The page's article metadata, or null when the page is not a single article. */
export function readArticle(doc: Document, location: Location): PageMeta | null {
  const ld = jsonLd(doc).find((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const ogType = meta(doc, 'og:type');
  const published = str(ld?.datePublished) ?? meta(doc, 'article:published_time') ?? doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? undefined;
  const isArticle = ld !== undefined || ogType === 'article' || meta(doc, 'article:published_time') !== undefined;
  if (!isArticle) return null;

  const title = str(ld?.headline) ?? meta(doc, 'og:title') ?? meta(doc, 'twitter:title') ?? str(doc.querySelector('h1')?.textContent) ?? str(doc.title);
  if (!title) return null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url');
  let canonicalUrl: string | undefined;
  try {
    canonicalUrl = canonical ? new URL(canonical, location.href).href : undefined;
  } catch {
    canonicalUrl = undefined;
  }
  const publisher = ld?.publisher && typeof ld.publisher === 'object' ? str((ld.publisher as Json).name) : undefined;
  const paragraphs = Array.from(doc.querySelectorAll('article p, main p')).slice(0, 4);
  const lead = paragraphs.map((p) => p.textContent?.replace(/\s+/g, ' ').trim() ?? '').filter(Boolean).join('\n');

  const out: PageMeta = { url: location.href.split('#', 1)[0] ?? location.href, title: clip(title.replace(/\s+/g, ' '), 1000) ?? '' };
  const put = <K extends keyof PageMeta>(k: K, v: PageMeta[K] | undefined) => {
    if (v !== undefined && v !== '') out[k] = v;
  };
  put('canonicalUrl', canonicalUrl && /^https?:/.test(canonicalUrl) ? clip(canonicalUrl, 4096) : undefined);
  put('description', clip(str(ld?.description) ?? meta(doc, 'og:description') ?? meta(doc, 'description'), 4000));
  put('siteName', clip(meta(doc, 'og:site_name') ?? publisher, 200));
  put('published', clip(published, 100));
  put('modified', clip(str(ld?.dateModified) ?? meta(doc, 'article:modified_time'), 100));
  put('author', clip(authorName(ld?.author) ?? meta(doc, 'author'), 500));
  put('lang', clip(doc.documentElement.lang || undefined, 35));
  put('lead', clip(lead, 4000));
  return out;
}
