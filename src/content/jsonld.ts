/**
 * The page's schema.org JSON-LD, read defensively: blocks are bounded in number and size, malformed
 * ones are skipped, and the strings come back as the page shows them.
 */

export type Json = Record<string, unknown>;

/**
 * schema.org types of one article, lower-cased (pages write "newsArticle" and "Article" alike): the
 * Article family and its NewsArticle kinds, and posts (SocialMediaPosting and its blog kinds). Not
 * TechArticle/APIReference (documentation) or DiscussionForumPosting (a thread).
 */
const ARTICLE_TYPES = new Set(
  (
    'Article NewsArticle AnalysisNewsArticle AskPublicNewsArticle BackgroundNewsArticle OpinionNewsArticle ReportageNewsArticle ' +
    'ReviewNewsArticle AdvertiserContentArticle SatiricalArticle ScholarlyArticle Report ' +
    'SocialMediaPosting BlogPosting LiveBlogPosting'
  )
    .toLowerCase()
    .split(' '),
);

/** Some CMSs and HTML Tidy wrap a script's body in CDATA (optionally behind // or /* comments). */
const CDATA_OPEN = /^\s*(?:\/\/|\/\*)?\s*<!\[CDATA\[/;

/**
 * The body without its CDATA wrapper. The end is cut by hand, not by a pattern anchored at the end:
 * such a pattern retries at every position of a long run of spaces, which a page can make hang.
 */
function unwrapCdata(raw: string): string {
  let t = raw.replace(CDATA_OPEN, '').trimEnd();
  if (t.endsWith('*/')) t = t.slice(0, -2).trimEnd();
  if (!t.endsWith(']]>')) return t;
  t = t.slice(0, -3).trimEnd();
  return t.endsWith('//') || t.endsWith('/*') ? t.slice(0, -2) : t;
}

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
    let raw = scripts[i]?.textContent ?? '';
    if (raw.length > 500_000) continue;
    if (CDATA_OPEN.test(raw)) raw = unwrapCdata(raw);
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A broken block on the page is the page's problem, not ours.
    }
  }
  return out;
}

/** Its @type names, without a vocabulary prefix ("http://schema.org/NewsArticle" → "NewsArticle"). */
function types(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.slice(Math.max(x.lastIndexOf('/'), x.lastIndexOf(':')) + 1));
}

export const isArticleNode = (o: Json): boolean => types(o).some((t) => ARTICLE_TYPES.has(t.toLowerCase()));

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
export const ldStr = (x: unknown): string | undefined => (typeof x === 'string' ? str(decodeEntities(x)) : undefined);

/** The page's nodes by @id, the first of each: `{"@id": …}` references point into this. */
export function nodesById(lds: readonly Json[]): Map<string, Json> {
  const byId = new Map<string, Json>();
  for (const o of lds) if (typeof o['@id'] === 'string' && !byId.has(o['@id'])) byId.set(o['@id'], o);
  return byId;
}

/** `{"@id": …}` references (NYT's publisher, Yoast's @graph) resolved against the page's other JSON-LD nodes. */
export function deref(x: unknown, byId: ReadonlyMap<string, Json>): unknown {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return x;
  const o = x as Json;
  return o.name === undefined && typeof o['@id'] === 'string' ? (byId.get(o['@id']) ?? o) : o;
}

/** "A, B" from a string, a Person, or a list of those; a list of lists goes one level deep at most. */
export function authorName(x: unknown, byId: ReadonlyMap<string, Json>, depth = 0): string | undefined {
  if (typeof x === 'string') return ldStr(x);
  if (Array.isArray(x)) {
    if (depth > 1) return undefined;
    return x.slice(0, 20).map((y) => authorName(y, byId, depth + 1)).filter(Boolean).join(', ') || undefined;
  }
  const o = deref(x, byId);
  return o && typeof o === 'object' ? ldStr((o as Json).name) : undefined;
}

/** The publisher's name, when the node names one (inline or by reference). */
export function publisherName(ld: Json | undefined, byId: ReadonlyMap<string, Json>): string | undefined {
  const pub = deref(Array.isArray(ld?.publisher) ? ld.publisher[0] : ld?.publisher, byId);
  return pub && typeof pub === 'object' ? ldStr((pub as Json).name) : undefined;
}
