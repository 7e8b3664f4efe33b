/**
 * Keys for exact matching: a headline reduced to its folded words (case, accents, dashes, quotes,
 * punctuation and an outlet suffix gone) and a URL reduced to host, path and the query parameters that
 * name an article, so that the same article is recognised however it is linked or punctuated.
 */
import { words } from '../text/tokens';

export function foldTitle(s: string): string {
  return words(withoutOutletSuffix(s)).join(' ');
}

/** "Headline - CNN" → "Headline": the outlet's name that pages append to their <title>. */
export function withoutOutletSuffix(s: string): string {
  // Every name ends in n, s or k: most headlines are out at the first letter.
  const last = s.charCodeAt(s.length - 1) | 0x20;
  if (last !== 110 && last !== 115 && last !== 107) return s;
  const tail = s.slice(-SUFFIX_TAIL).toLowerCase();
  return SUFFIX_NAMES.some((n) => tail.endsWith(n)) ? s.replace(OUTLET_SUFFIX, '') : s;
}

const SUFFIX_NAMES = ['cnn', 'bbc news', 'ap news', 'newsweek', 'the associated press'];
const SUFFIX_TAIL = Math.max(...SUFFIX_NAMES.map((n) => n.length));

const OUTLET_SUFFIX = /\s*[|\u2013\u2014-]\s*(cnn|bbc news|ap news|newsweek|the associated press)$/i;

/** Query parameters that track readers rather than name an article. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|cmp|ref|ref_src|src|s|smid|partner|taid|sh|mbid|ito|at_\w+|guccounter|output|amp)$/i;

/**
 * Host, path and the query parameters that name an article (`?id=123`), lower-cased; tracking
 * parameters, the fragment and a trailing slash are dropped.
 */
export function normaliseUrl(u: string): string {
  const simple = SIMPLE_URL.exec(u);
  if (simple && !PARSER_NEEDED.test(u)) {
    const host = (simple[1] as string).toLowerCase();
    const path = (simple[2] ?? '').replace(/\/+$/, '');
    return `${host.startsWith('www.') ? host.slice(4) : host}${path}`.toLowerCase();
  }
  return normaliseUrlByParser(u);
}

/**
 * An https/http URL that the URL parser would leave as it is but for case: a plain DNS host (its last
 * label not numeric, so not an IPv4 address in disguise), no port, user, query or fragment, and a path
 * of characters the parser does not escape. Most article links are like this; they skip the parser.
 */
const SIMPLE_URL = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*)(\/[\w\-.~%!$&'()*+,;=:@/]*)?$/i;
/** "." and ".." path segments (also escaped), which the parser resolves; punycode, which it checks. */
const PARSER_NEEDED = /\/(?:\.|%2e)|xn--/i;

/** The reference normalisation, through the WHATWG URL parser: any URL. */
export function normaliseUrlByParser(u: string): string {
  try {
    const url = new URL(u);
    const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * A 30-bit FNV-1a hash of a key, so that the exact-match maps hold small integers, not a million
 * strings. Keys can share a hash: a hit is confirmed against the story's own key.
 */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/**
 * keyHash(normaliseUrl(u)), or −1 when the link has no key; a plain link is hashed as it is read,
 * without making its key. A library holds a link or two per article.
 */
export function urlHash(u: string): number {
  if (!SIMPLE_URL.test(u) || PARSER_NEEDED.test(u)) {
    const key = normaliseUrlByParser(u);
    return key ? keyHash(key) : -1;
  }
  let start = u.charCodeAt(4) === 58 ? 7 : 8; // "http:" or "https:", then "//"
  if (u.slice(start, start + 4).toLowerCase() === 'www.') start += 4;
  let end = u.length;
  while (end > start && u.charCodeAt(end - 1) === 47) end--;
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const c = u.charCodeAt(i);
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** The same kind of hash over a sequence of numbers (a headline's word numbers). */
export function numbersHash(numbers: readonly number[]): number {
  let h = 0x811c9dc5 ^ numbers.length;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as number;
    h = Math.imul(h ^ (n & 0xffff), 0x01000193);
    h = Math.imul(h ^ (n >>> 16), 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}
