/**
 * Titles: how a page's candidate titles (structured data, OpenGraph, the document title, its
 * headings) agree with each other, which heading is the article's own, and the site's name taken off
 * a document title ("Headline | Site").
 */

/** Longer than any headline: what the page gives beyond this is not read. */
const MAX_TITLE = 2000;

/**
 * `s` without the given characters at its end. A loop, not /[…]+$/: that pattern retries at every
 * position of a long run of those characters, which a page can use to hang it.
 */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

/** Lower case, one kind of quote, single spaces, no closing punctuation: titles compared as read. */
export function normTitle(s: string): string {
  const folded = s
    .slice(0, MAX_TITLE)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/\s+/g, ' ');
  return trimEndOf(folded, ' .!?:;,').trim();
}

/** Shorter than this, a heading agreeing with the start of a title proves nothing ("News", "Home"). */
const MIN_HEADING = 8;

/** A heading agrees with a document title when it is the title, or its first or last part ("Site: Headline"). */
export function headingAgrees(heading: string, title: string): boolean {
  return agreesWithNormTitle(heading, normTitle(title));
}

function agreesWithNormTitle(heading: string, t: string): boolean {
  const h = normTitle(heading);
  if (!h || !t) return false;
  return h === t || (h.length >= MIN_HEADING && (t.startsWith(h) || t.endsWith(h)));
}

/** Splits on spaces and punctuation (not \p{…} classes: their first compilation costs the page about a millisecond). */
const SEPARATORS = /[\s.,:;!?"()[\]{}|/\\_\u2013\u2014\u2026-]+/;
const words = (s: string) => new Set(normTitle(s).split(SEPARATORS).filter((w) => w.length > 0));

/**
 * Whether a structured-data headline names this page: at least half its words are in one of the
 * page's titles. A headline about something else (a related item, a wiki's short description) is not.
 */
export function headlineFits(headline: string, titles: readonly (string | undefined)[]): boolean {
  const h = words(headline);
  if (h.size === 0) return false;
  for (const t of titles) {
    if (!t) continue;
    const tw = words(t);
    let shared = 0;
    for (const w of h) if (tw.has(w)) shared++;
    if (shared * 2 >= h.size) return true;
  }
  return false;
}

/** Headings of each level looked at for the article's own: the page controls how many there are. */
const MAX_HEADINGS = 30;

/** The longest of the first h1–h3 headings that agrees with the document title (of equal ones the highest), if one does. */
export function mainHeading(doc: Document, docTitle: string | undefined): { el: Element; text: string } | undefined {
  const t = normTitle(docTitle ?? '');
  if (!t) return undefined;
  let best: { el: Element; text: string } | undefined;
  // By level, not in document order: a sidebar's run of <h3> headlines must not crowd out the <h1>.
  for (const tag of ['h1', 'h2', 'h3']) {
    const hs = doc.getElementsByTagName(tag);
    for (let i = 0; i < hs.length && i < MAX_HEADINGS; i++) {
      const el = hs[i] as Element;
      const text = (el.textContent ?? '').slice(0, 1000).replace(/\s+/g, ' ').trim();
      // The longest; of equal ones the higher level, met first (a list of headlines repeats the article's as <h3>).
      if (text.length > (best?.text.length ?? 0) && agreesWithNormTitle(text, t)) best = { el, text };
    }
  }
  return best;
}

/** "Headline | CNN" → "Headline", when the last part is one of `names` (the site's, the author's). */
export function stripSiteSuffix(title: string, names: readonly (string | undefined)[]): string {
  if (title.length > MAX_TITLE) return title;
  const m = /^(.*\S)\s+[|\u2013\u2014\u2605\u2729_·-]\s+([^|\u2013\u2014]{2,60})$/.exec(title);
  if (!m) return title;
  const suffix = normTitle(m[2] ?? '');
  for (const name of names) {
    const n = normTitle(name ?? '');
    if (n && (suffix.includes(n) || n.includes(suffix))) return m[1] ?? title;
  }
  return title;
}
