/**
 * When an article was first published: from its structured data, the common meta names, the
 * machine-readable date elements, and at last the text of a visibly dated element ("March 10, 2015",
 * "10 March 2015", "2016年10月14日"). Never the modification date: every source here names the
 * publication, and elements labelled as updates are not read.
 */

import type { ArticleHeader } from './header';
import { bestByKind, hasToken, inComments, type MarkedElements } from './ranked';

/** Meta names (property or name, lower-cased) that carry the publication time, most specific first. */
const PUBLISHED_META = [
  'article:published_time',
  'article:published',
  'og:article:published_time',
  'parsely-pub-date',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date',
  'publishdate',
  'publish_date',
  'publish-date',
  'pubdate',
  'date',
  'sailthru.date',
  'article:publicationdate',
];

/**
 * Machine-readable publication dates in the page, most specific first (the value is an attribute or
 * the text): 0 microdata's datePublished, 1 `time[pubdate]`, 2 a <time> whose class says publish,
 * 3 hAtom's `abbr.published[title]`, 4 an article's `time[datetime]`, 5 the main content's, 6 any
 * other; -1 none of these.
 */
function dateKind(el: Element): number {
  const tag = el.tagName.toUpperCase();
  if (tag === 'TIME') {
    if (el.hasAttribute('pubdate')) return 1;
    if ((el.getAttribute('class') ?? '').toLowerCase().includes('publish')) return 2;
    if (!el.hasAttribute('datetime')) return -1;
    return el.closest('article') ? 4 : el.closest('main') ? 5 : 6;
  }
  if (tag === 'ABBR') return el.hasAttribute('title') && hasToken(el, 'class', 'published') ? 3 : -1;
  return hasToken(el, 'itemprop', 'datePublished') ? 0 : -1;
}

/** How many elements of a kind are looked at, and how much of one's text: the page controls both. */
const MAX_ELEMENTS = 40;
const MAX_TEXT = 200;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const CJK_DAY = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The first calendar date written in text, as YYYY-MM-DD; undefined when there is none. */
export function dateInText(text: string): string | undefined {
  let m = ISO_DAY.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = CJK_DAY.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return isoDay(Number(m[3]), MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1, Number(m[2]));
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return isoDay(Number(m[3]), MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1, Number(m[1]));
  return undefined;
}

/** A date value as written when a date parser reads it, else the calendar date found in it. */
export function asDate(raw: string | undefined): string | undefined {
  // Longer than any date: an attribute the page filled with something else.
  const s = raw?.slice(0, MAX_TEXT).trim();
  if (!s) return undefined;
  return Number.isFinite(Date.parse(s)) ? s : dateInText(s);
}


/** The publication date: structured data first, then meta names, date elements, the header's dated text. */
export function publishedOf(marks: MarkedElements, tags: ReadonlyMap<string, string>, ldPublished: string | undefined, header: () => ArticleHeader): string | undefined {
  const fromLd = asDate(ldPublished);
  if (fromLd) return fromLd;
  for (const key of PUBLISHED_META) {
    const v = asDate(tags.get(key));
    if (v) return v;
  }
  // Microdata from the shared attribute scan; <time> and the class from the browser's indexes.
  const marked = bestByKind([marks.times, marks.published, marks.attributed], dateKind, (el) =>
    asDate(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('title') ?? el.textContent?.slice(0, MAX_TEXT)),
  );
  if (marked) return marked;
  // A dateline sits between the headline and the body: the header's dated elements, not a reference's or a sidebar's.
  for (const el of header().datelines.slice(0, MAX_ELEMENTS)) {
    if (inComments(el)) continue;
    const text = el.textContent ?? '';
    // A long text is a container (a sidebar, the whole article), not a dateline.
    if (text.length > MAX_TEXT || /\b(?:updated|modified)\b/i.test(text)) continue;
    const v = dateInText(text);
    if (v) return v;
  }
  return undefined;
}
