/**
 * Who wrote the article: its structured data, the common author meta names, and at last the page's
 * visible byline (schema.org microdata, rel=author links, byline and author elements), cleaned of
 * "By", dates and link addresses. Comment sections are not read: their authors are not the article's.
 */
import type { ArticleHeader } from './header';
import { bestByKind, hasToken, inComments, type MarkedElements } from './ranked';
import { trimEndOf } from './title';

/** Author meta names (property or name, lower-cased), most used first. `article:author` is often a profile URL: those are skipped. */
const AUTHOR_META = ['author', 'parsely-author', 'article:author', 'byl', 'sailthru.author', 'dc.creator', 'article:author_name', 'citation_author'];

/**
 * Visible byline elements marked as such, most explicit first: 0 a name in microdata's author
 * (`[itemprop~="author"] [itemprop~="name"]`), 1 microdata's author, 2 an author link (rel=author,
 * whose value HTML compares in any case); -1 none of these.
 */
function bylineKind(el: Element): number {
  if (hasToken(el, 'itemprop', 'name') && el.parentElement?.closest('[itemprop~="author"]')) return 0;
  if (hasToken(el, 'itemprop', 'author')) return 1;
  const rel = el.getAttribute('rel');
  return rel !== null && rel.toLowerCase().split(/\s+/).includes('author') ? 2 : -1;
}

const MAX_ELEMENTS = 40;
const MAX_TEXT = 160;
/** A name list longer than this is a sentence or a container, not a byline. */
const MAX_BYLINE = 100;

const PREFIX = /^(?:(?:posted|written|words|story|reporting)\s+)?by[:\s]+/i;
const URL_IN = /\(?\s*(?:https?:\/\/|www\.)\S*\s*\)?/gi;
const WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
/** "March 11, 2015", "Feb. 23": where a dateline after the names starts. */
const MONTH_DAY = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;

/** Where the names end: a weekday, a date, "on …"/"at …", a digit (ASCII only: a case-insensitive class of other characters compiles slowly). */
const AFTER_NAMES = new RegExp(`${WEEKDAY.source}|${MONTH_DAY.source}|\\s(?:on|at|in|updated|published)\\s|\\d`, 'i');
/** …or a separator between the names and what follows ("Jo Kent | Staff"). */
const SEPARATOR = /\s[|\u2022\u00b7\u2014\u2013]\s/;
/** Some letter (Latin or any script past Latin-1's symbols): \p{L} would cost the page a quarter of a millisecond to compile on first use. */
const LETTER = /[A-Za-z\u00c0-\u024f\u0370-\uffef]/;

/** A byline's names: without "By", link addresses, and whatever follows the names (a date, "on …", "| …"). */
export function cleanByline(raw: string): string | undefined {
  let s = raw.slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim().replace(URL_IN, ' ').replace(PREFIX, '');
  // "Posted on 14 March 2022 by Finn Marsh": the names follow the last "by".
  const by = /\sby[:\s]+(\S.*)$/i.exec(s);
  if (by) s = by[1] ?? s;
  const cuts = [s.search(AFTER_NAMES), s.search(SEPARATOR)].filter((i) => i > 0);
  if (cuts.length > 0) s = s.slice(0, Math.min(...cuts));
  s = trimEndOf(s.replace(/^[\s,;:|•·—–-]+/, ''), ' ,;:|•·—–-');
  // No date can be left: everything from the first digit on is cut.
  if (s.length < 2 || s.length > MAX_BYLINE || !LETTER.test(s)) return undefined;
  return s;
}

const isUrl = (s: string) => /^(?:https?:)?\/\/|^www\./i.test(s.trim());

/** The byline the page's meta tags give. */
export function metaByline(tags: ReadonlyMap<string, string>): string | undefined {
  for (const key of AUTHOR_META) {
    const v = tags.get(key)?.trim();
    if (!v || isUrl(v)) continue;
    const name = cleanByline(v);
    if (name) return name;
  }
  return undefined;
}

const usable = (el: Element) => !(el.tagName === 'META' || el.tagName === 'LINK' || inComments(el));

function nameIn(el: Element): string | undefined {
  const text = el.textContent ?? '';
  return text.length > MAX_TEXT ? undefined : cleanByline(text);
}

/**
 * The byline the page shows: in an element marked as the author's (microdata, rel=author), else in
 * the article header's byline or author elements (byline before author). Never in comments.
 */
export function visibleByline(marks: MarkedElements, header: () => ArticleHeader): string | undefined {
  const marked = bestByKind([marks.attributed], bylineKind, nameIn);
  if (marked) return marked;
  const els = header().bylines.filter(usable).slice(0, MAX_ELEMENTS);
  for (const pattern of [/byline/i, /author/i]) {
    for (const el of els) {
      if (!pattern.test(el.getAttribute('class') ?? '')) continue;
      const name = nameIn(el);
      if (name) return name;
    }
  }
  // An unmarked signed line ("Posted by A, B on 2019-02-15"): names only where it says "by" ("Posted on 2019-02-15" names nobody).
  for (const el of header().signed.slice(0, MAX_ELEMENTS)) {
    const text = el.textContent ?? '';
    if (!SAYS_BY.test(text.slice(0, MAX_TEXT)) || inComments(el)) continue;
    const name = nameIn(el);
    if (name) return name;
  }
  return undefined;
}

/** "by" as a word followed by a name: what makes a signed line a byline. */
const SAYS_BY = /(?:^|\s)by[:\s]/i;

/** The different names in the header's byline elements: more than one is a listing of articles. */
export function headerBylineNames(header: ArticleHeader): Set<string> {
  const names = new Set<string>();
  for (const el of header.bylines.slice(0, MAX_ELEMENTS)) {
    if (!/byline/i.test(el.getAttribute('class') ?? '') || !usable(el)) continue;
    const name = nameIn(el);
    if (name) names.add(name.toLowerCase());
  }
  return names;
}
