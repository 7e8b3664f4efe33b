/**
 * The page's marked elements (microdata, rel=author, <time>, abbr.published) and the best value they
 * give by the kind of element: the most specific kind wins, not document order (a masthead's "today"
 * or a sidebar's author comes first in the page). Elements in comment sections are not read.
 *
 * One attribute scan of the document serves the byline and the date alike: a selector of attribute
 * tests is matched against every element of the page (about a millisecond on a page of 10,000
 * elements, each selector of a list adding its share), while <time> elements and a class come from
 * the browser's own indexes for free.
 */

/** Candidates of a kind looked at per source: the page controls how many match. */
const MAX_CANDIDATES = 40;
/** Elements of a source looked at in all (most carry other microdata): the page controls how many there are. */
const MAX_SCANNED = 1000;

export const inComments = (el: Element) => el.closest('[class*="comment" i], [id*="comment" i]') !== null;

/** The elements the byline and date searches read, each list in document order. */
export interface MarkedElements {
  /** Elements with an itemprop, or rel=author (in any case, as HTML compares rel): microdata and author links. */
  attributed: ArrayLike<Element>;
  /** The <time> elements. */
  times: ArrayLike<Element>;
  /** Elements of class "published" (hAtom's abbr.published). */
  published: ArrayLike<Element>;
}

/** The page's marked elements; `attributed` is scanned on first use only (a page read for its tags alone never pays for it). */
export function markedElements(doc: Document): MarkedElements {
  let attributed: ArrayLike<Element> | undefined;
  return {
    get attributed() {
      return (attributed ??= doc.querySelectorAll('[itemprop], [rel~="author" i]'));
    },
    times: doc.getElementsByTagName('time'),
    published: doc.getElementsByClassName('published'),
  };
}

/** Whether the attribute's value has `token` as one of its space-separated words (the selector `[attr~="token"]`). */
export function hasToken(el: Element, attr: string, token: string): boolean {
  const v = el.getAttribute(attr);
  return v !== null && v.includes(token) && v.split(/\s+/).includes(token);
}

/**
 * The value of the best candidate: the lowest kind (kindOf gives -1 for an element of no kind), of
 * equal kinds the first in document order, over the given sources.
 */
export function bestByKind<T>(sources: readonly ArrayLike<Element>[], kindOf: (el: Element) => number, valueOf: (el: Element) => T | undefined): T | undefined {
  let best: T | undefined;
  let bestKind = Infinity;
  for (const els of sources) {
    let seen = 0;
    for (let i = 0; i < els.length && i < MAX_SCANNED && seen < MAX_CANDIDATES && bestKind > 0; i++) {
      const el = els[i] as Element;
      const kind = kindOf(el);
      if (kind < 0) continue;
      seen++;
      if (kind >= bestKind || inComments(el)) continue;
      const v = valueOf(el);
      if (v !== undefined) {
        best = v;
        bestKind = kind;
      }
    }
  }
  return best;
}
