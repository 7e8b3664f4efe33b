/**
 * The best value a page's elements give, by the kind of element: one selector walk of the document
 * for all kinds, then the most specific kind wins, not document order (a masthead's "today" or a
 * sidebar's author comes first in the page). Elements in comment sections are not read.
 */

/** Candidates looked at: the page controls how many match. */
const MAX_CANDIDATES = 40;

export const inComments = (el: Element) => el.closest('[class*="comment" i], [id*="comment" i]') !== null;

export function bestByKind<T>(doc: Document, kinds: readonly string[], valueOf: (el: Element) => T | undefined): T | undefined {
  const els = doc.querySelectorAll(kinds.join(', '));
  let best: T | undefined;
  let bestKind = kinds.length;
  for (let i = 0; i < els.length && i < MAX_CANDIDATES && bestKind > 0; i++) {
    const el = els[i] as Element;
    const kind = kinds.findIndex((sel) => el.matches(sel));
    if (kind < 0 || kind >= bestKind || inComments(el)) continue;
    const v = valueOf(el);
    if (v !== undefined) {
      best = v;
      bestKind = kind;
    }
  }
  return best;
}
