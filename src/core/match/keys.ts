/**
 * Keys for exact matching: a headline reduced to its folded words (case, accents, dashes, quotes,
 * punctuation and an outlet suffix gone) and a URL reduced to host, path and the query parameters that
 * name an article, so that the same article is recognised however it is linked or punctuated.
 */
import { FNV_OFFSET, fnvEnd, fnvStep, stringHash } from '../text/hash';
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
  const end = plainKeyEnd(u);
  return end >= 0 ? u.slice(plainKeyStart(u), end).toLowerCase() : normaliseUrlByParser(u);
}

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
 * The hash of an exact key, so that the exact-match maps hold small integers, not a million strings.
 * Keys can share a hash: a hit is confirmed against the story's own key.
 */
export const keyHash = stringHash;

/**
 * keyHash(normaliseUrl(u)), or −1 when the link has no key; a plain link is hashed as it is read,
 * without making its key. A library holds a link or two per article.
 */
export function urlHash(u: string): number {
  const end = plainKeyEnd(u);
  if (end >= 0) {
    let h = FNV_OFFSET;
    for (let i = plainKeyStart(u); i < end; i++) h = fnvStep(h, lowerCode(u.charCodeAt(i)));
    return fnvEnd(h);
  }
  const key = normaliseUrlByParser(u);
  return key ? keyHash(key) : -1;
}

/** Characters a plain path may hold: those the URL parser leaves as they are. */
const PATH_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~%!$&'()*+,;=:@/") PATH_CHAR[c.charCodeAt(0)] = 1;
const lowerCode = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const isHostCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
/** "xn--" (punycode, which the parser checks) at i, in any case. */
const punycodeAt = (u: string, i: number) => lowerCode(u.charCodeAt(i)) === 120 && lowerCode(u.charCodeAt(i + 1)) === 110 && u.charCodeAt(i + 2) === 45 && u.charCodeAt(i + 3) === 45;

/**
 * Is this an http(s) link that the URL parser would leave as it is but for case? A plain DNS host
 * (its last label not numeric, so not an IPv4 address in disguise; no punycode), no port, user, query
 * or fragment, and a path of characters the parser does not escape, without "." or ".." segments.
 * Most article links are like this; they skip the parser. Read in one pass over the char codes.
 * Where the key ends (before trailing slashes), or −1 when the link is not plain; it begins at
 * plainKeyStart.
 */
function plainKeyEnd(u: string): number {
  const n = u.length;
  let i: number;
  if (lowerCode(u.charCodeAt(0)) !== 104 || lowerCode(u.charCodeAt(1)) !== 116 || lowerCode(u.charCodeAt(2)) !== 116 || lowerCode(u.charCodeAt(3)) !== 112) return -1;
  if (u.charCodeAt(4) === 58) i = 5;
  else if (lowerCode(u.charCodeAt(4)) === 115 && u.charCodeAt(5) === 58) i = 6;
  else return -1;
  if (u.charCodeAt(i) !== 47 || u.charCodeAt(i + 1) !== 47) return -1;
  i += 2;
  let label = 0;
  let first = 0;
  for (; i < n; i++) {
    const c = lowerCode(u.charCodeAt(i));
    if (c === 47) break;
    if (c === 46) {
      if (label === 0) return -1;
      label = 0;
    } else if (isHostCode(c)) {
      if (label === 0) first = c;
      label++;
      if (punycodeAt(u, i)) return -1;
    } else return -1;
  }
  if (label === 0 || (first >= 48 && first <= 57)) return -1;
  let end = i;
  for (; i < n; i++) {
    const c = u.charCodeAt(i);
    if (c >= 128 || PATH_CHAR[c] !== 1 || punycodeAt(u, i)) return -1;
    if (c === 47) {
      const next = u.charCodeAt(i + 1);
      if (next === 46 || (next === 37 && u.charCodeAt(i + 2) === 50 && lowerCode(u.charCodeAt(i + 3)) === 101)) return -1; // "/." or "/%2e"
    } else end = i + 1;
  }
  return end;
}

/** Where the key of a link plainKeyEnd accepts begins: after "http(s)://" and a "www.". */
function plainKeyStart(u: string): number {
  const i = u.charCodeAt(4) === 58 ? 7 : 8;
  const www = lowerCode(u.charCodeAt(i)) === 119 && lowerCode(u.charCodeAt(i + 1)) === 119 && lowerCode(u.charCodeAt(i + 2)) === 119 && u.charCodeAt(i + 3) === 46;
  return www ? i + 4 : i;
}

/** The same kind of hash over a sequence of numbers (a headline's word numbers). */
export function numbersHash(numbers: readonly number[], from = 0, to = numbers.length): number {
  let h = FNV_OFFSET ^ (to - from);
  for (let i = from; i < to; i++) {
    const n = numbers[i] as number;
    h = fnvStep(fnvStep(h, n & 0xffff), n >>> 16);
  }
  return fnvEnd(h);
}
