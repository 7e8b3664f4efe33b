/**
 * Who wrote the article: its structured data, the common author meta names, and at last the page's
 * visible byline (schema.org microdata, rel=author links, byline and author elements), cleaned of
 * "By", dates and link addresses. Comment sections are not read: their authors are not the article's.
 */
import { dateInText } from './published';

/** Author meta names (property or name, lower-cased), most used first. `article:author` is often a profile URL: those are skipped. */
const AUTHOR_META = ['author', 'parsely-author', 'article:author', 'byl', 'sailthru.author', 'dc.creator', 'article:author_name', 'citation_author'];

/** Visible byline elements, most explicit first. */
export const BYLINE_ELEMENTS = ['[itemprop~="author"] [itemprop~="name"]', '[itemprop~="author"]', '[rel~="author"]', '[class*="byline" i]', '[class*="author" i]'];

const MAX_ELEMENTS = 20;
const MAX_TEXT = 160;
/** A name list longer than this is a sentence or a container, not a byline. */
const MAX_BYLINE = 100;

const PREFIX = /^(?:(?:posted|written|words|story|reporting)\s+)?by[:\s]+/i;
const URL_IN = /\(?\s*(?:https?:\/\/|www\.)\S*\s*\)?/gi;
const WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
/** "March 11, 2015", "Feb. 23": where a dateline after the names starts. */
const MONTH_DAY = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;

/** A byline's names: without "By", link addresses, and whatever follows the names (a date, "on …", "| …"). */
export function cleanByline(raw: string): string | undefined {
  let s = raw.replace(/\s+/g, ' ').trim().replace(URL_IN, ' ').replace(PREFIX, '');
  // "Posted on 14 March 2022 by Finn Marsh": the names follow the last "by".
  const by = /\sby[:\s]+(\S.*)$/i.exec(s);
  if (by) s = by[1] ?? s;
  const cut = s.search(new RegExp(`${WEEKDAY.source}|${MONTH_DAY.source}|\\s(?:on|at|in|updated|published)\\s|\\s[|•·—–]\\s|\\d`, 'i'));
  if (cut > 0) s = s.slice(0, cut);
  s = s.replace(/^[\s,;:|•·—–-]+|[\s,;:|•·—–-]+$/g, '').replace(/\s+/g, ' ');
  if (s.length < 2 || s.length > MAX_BYLINE || !/\p{L}/u.test(s) || dateInText(s)) return undefined;
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

const inComments = (el: Element) => el.closest('[class*="comment" i], [id*="comment" i]') !== null;

/** The bylines the page shows in elements of these kinds (outside comments), cleaned, in document order per kind; at most `max`. */
export function visibleBylines(doc: Document, kinds: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const sel of kinds) {
    const els = doc.querySelectorAll(sel);
    for (let i = 0; i < els.length && i < MAX_ELEMENTS && out.length < max; i++) {
      const el = els[i] as Element;
      if (el.tagName === 'META' || el.tagName === 'LINK' || el.tagName === 'SCRIPT' || inComments(el)) continue;
      const text = el.textContent ?? '';
      if (text.length > MAX_TEXT) continue;
      const name = cleanByline(text);
      if (name) out.push(name);
    }
    if (out.length >= max) break;
  }
  return out;
}
