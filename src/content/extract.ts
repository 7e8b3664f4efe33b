/**
 * Reads an article page: is it a single article, and what are its headline, dates and so on.
 * Generic sources first (JSON-LD, OpenGraph, standard meta tags, the canonical link, visible bylines
 * and dates), then per-outlet patches (./patches) only where those get a field wrong. Reads the DOM,
 * never writes it, and bounds its work: the page decides how much there is to read.
 */
import { withoutHash } from '../core/match/address';
import type { PageMeta } from '../core/match/page';
import { headerBylineNames, metaByline, visibleByline } from './byline';
import { articleHeader, type ArticleHeader } from './header';
import { authorName, isArticleNode, jsonLd, ldStr, nodesById, publisherName } from './jsonld';
import { leadOf, patchFor } from './patches';
import { publishedOf } from './published';
import { markedElements, type MarkedElements } from './ranked';
import { headlineFits, mainHeading, normTitle, stripSiteSuffix } from './title';

/**
 * The page's <meta> tags by property or name (lower-cased), the first of each in document order,
 * read in one pass: a selector per key would walk the whole document for every key the page lacks.
 */
export function metaTags(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  const tags = doc.getElementsByTagName('meta');
  for (let i = 0; i < tags.length; i++) {
    const el = tags[i] as Element;
    const content = el.getAttribute('content') ?? '';
    for (const attr of ['property', 'name']) {
      const key = el.getAttribute(attr)?.toLowerCase();
      if (key !== undefined && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

/** A <meta> tag's content by property or name (the first such tag's, from metaTags), trimmed; undefined when empty or absent. */
export const meta = (tags: ReadonlyMap<string, string>, key: string): string | undefined => {
  const v = tags.get(key)?.trim();
  return v ? v : undefined;
};

const str = (x: string | null | undefined): string | undefined => (x && x.trim() ? x.replace(/\s+/g, ' ').trim() : undefined);

const clip = (s: string | undefined, n: number) => (s === undefined ? undefined : s.length > n ? s.slice(0, n) : s);

/**
 * Home and section fronts ("/", "/world", "/news/uk/", "/tag/ukraine-russia-crisis") are not
 * articles, whatever their tags say. A last segment of four or more words is an article's slug
 * ("/markdistefano/diet-pills-burns-up"): section names are shorter.
 */
export function isFrontPath(pathname: string): boolean {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length === 0) return true;
  if (segments.length > 2 || !segments.every((s) => /^[a-z-]+$/.test(s) && s.length < 24)) return false;
  return (segments[segments.length - 1] ?? '').split('-').filter(Boolean).length < 4;
}

/** Below this much paragraph text a page without article tags is a stub, a listing or an app. */
const MIN_BODY_CHARS = 500;
/** Paragraphs measured for that: the page controls how many there are. */
const MAX_PARAGRAPHS = 60;

function bodyChars(doc: Document, paragraphs: ArrayLike<Element>): number {
  let n = 0;
  for (let i = 0; i < paragraphs.length && i < MAX_PARAGRAPHS && n < MIN_BODY_CHARS; i++) n += paragraphs[i]?.textContent?.length ?? 0;
  if (n >= MIN_BODY_CHARS) return n;
  // Some blog engines set the post in one element of <br>-separated lines, marked as the article body.
  return Math.max(n, doc.querySelector('[itemprop~="articleBody"]')?.textContent?.length ?? 0);
}

/** Why a page is not taken for an article, as a code: the content script carries no prose (cli/page.ts has it). */
export type NotArticle = 'empty' | 'front-tagged' | 'front' | 'no-heading' | 'thin' | 'unsigned' | 'listing' | 'untitled';

export type PageReading = { meta: PageMeta; reason?: undefined } | { meta: null; reason: NotArticle };

/** The page's article metadata, or why the page is not taken for a single article. */
export function readPage(doc: Document, location: Pick<Location, 'href' | 'hostname' | 'pathname'>): PageReading {
  if (!doc.documentElement) return { meta: null, reason: 'empty' };
  const lds = jsonLd(doc);
  const tags = metaTags(doc);
  const docTitle = str(doc.title);
  const ogTitle = meta(tags, 'og:title') ?? meta(tags, 'twitter:title');
  // The heading that agrees with the document title, looked for only when needed (most tagged pages never need it).
  let headingMemo: ReturnType<typeof mainHeading> | null = null;
  const headingNow = () => (headingMemo !== null ? headingMemo : (headingMemo = mainHeading(doc, docTitle)));
  // Only the article node that describes this page: not a related item's, not a wiki's short description.
  const fits = (headline: string) =>
    headlineFits(headline, [ogTitle, docTitle]) || headlineFits(headline, [str(doc.querySelector('h1')?.textContent?.slice(0, 1000)), headingNow()?.text]);
  const ld = lds.find((o) => isArticleNode(o) && (o.headline === undefined || fits(ldStr(o.headline) ?? '')));
  const byId = nodesById(lds);
  const siteName = meta(tags, 'og:site_name') ?? publisherName(ld, byId);
  const ogArticle = meta(tags, 'og:type')?.toLowerCase() === 'article';
  const publishedMeta = meta(tags, 'article:published_time') ?? meta(tags, 'article:published');
  // Only a web address names a home or section page; a saved file's path says nothing.
  const front = /^https?:/i.test(location.href) && isFrontPath(location.pathname);

  // Read lazily: a front page that fails a cheaper test never pays for the scans of bylines and dates.
  let author: string | undefined | null = null;
  let published: string | undefined | null = null;
  let header: ArticleHeader | undefined;
  let marks: MarkedElements | undefined;
  const headerNow = () => (header ??= articleHeader(doc, headingNow()?.el ?? null));
  const marksNow = () => (marks ??= markedElements(doc));
  const authorNow = () => (author !== null ? author : (author = authorName(ld?.author, byId) ?? metaByline(tags) ?? visibleByline(marksNow(), headerNow)));
  const publishedNow = () => (published !== null ? published : (published = publishedOf(marksNow(), tags, ldStr(ld?.datePublished), headerNow)));
  if (ld === undefined) {
    if (ogArticle || publishedMeta !== undefined) {
      // An article tag without a publication date on a section's address is a front's boilerplate.
      if (publishedMeta === undefined && front) return { meta: null, reason: 'front-tagged' };
    } else {
      // No article tags: the page must look like one article (its headline, who or when, a body).
      if (front) return { meta: null, reason: 'front' };
      const heading = headingNow()?.text;
      if (heading === undefined || normTitle(heading) === normTitle(siteName ?? '')) return { meta: null, reason: 'no-heading' };
      if (bodyChars(doc, doc.getElementsByTagName('p')) < MIN_BODY_CHARS) return { meta: null, reason: 'thin' };
      if (authorNow() === undefined && publishedNow() === undefined) return { meta: null, reason: 'unsigned' };
      if (headerBylineNames(headerNow()).size > 1) return { meta: null, reason: 'listing' };
    }
  }

  // An OpenGraph title unlike the document title, on a page whose heading is the document title, is the site's default.
  const ownOgTitle = ogTitle !== undefined && !headlineFits(ogTitle, [docTitle]) && headingNow() !== undefined ? undefined : ogTitle;
  const rawTitle = ldStr(ld?.headline) ?? ownOgTitle ?? headingNow()?.text ?? docTitle;
  if (!rawTitle) return { meta: null, reason: 'untitled' };
  const title = stripSiteSuffix(rawTitle, [siteName, authorNow()]);

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(tags, 'og:url');
  let canonicalUrl: string | undefined;
  try {
    canonicalUrl = canonical ? new URL(canonical, location.href).href : undefined;
  } catch {
    canonicalUrl = undefined;
  }
  // Queried only now: a page that is not an article never pays for the walk.
  const paragraphs = doc.querySelectorAll('article p, main p, [itemprop~="articleBody"] p');
  const lead = leadOf(paragraphs.length > 0 ? paragraphs : doc.getElementsByTagName('p'));

  const out: PageMeta = { url: withoutHash(location.href), title: clip(title, 1000) ?? '' };
  const put = <K extends keyof PageMeta>(k: K, v: PageMeta[K] | undefined) => {
    if (v !== undefined && v !== '') out[k] = v;
  };
  put('canonicalUrl', canonicalUrl && /^https?:/.test(canonicalUrl) ? clip(canonicalUrl, 4096) : undefined);
  put('description', clip(ldStr(ld?.description) ?? meta(tags, 'og:description') ?? meta(tags, 'description'), 4000));
  put('siteName', clip(siteName, 200));
  put('published', clip(publishedNow(), 100));
  put('modified', clip(ldStr(ld?.dateModified) ?? meta(tags, 'article:modified_time'), 100));
  put('author', clip(authorNow(), 500));
  put('lang', clip(doc.documentElement.lang || meta(tags, 'og:locale') || undefined, 35));
  put('lead', lead);
  return { meta: patchFor(location.hostname)?.(doc, out) ?? out };
}

/** The page's article metadata, or null when the page is not a single article. */
export function readArticle(doc: Document, location: Pick<Location, 'href' | 'hostname' | 'pathname'>): PageMeta | null {
  return readPage(doc, location).meta;
}
