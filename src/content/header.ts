/**
 * The article's header: the elements that follow its headline in document order, where bylines and
 * datelines sit. Found by walking a bounded number of elements from the headline, so that reading a
 * byline costs the same on a page of a thousand elements and of a hundred thousand (a selector over
 * every element's class would walk them all).
 */

/**
 * Elements walked from the headline: on the readability-dev pages every byline and dateline the
 * header gives lies within 100 elements of it; twice that leaves room for a lead image and its credits.
 */
const MAX_WALK = 200;
/** A paragraph this long is body text, not a caption or a teaser: the header ends before it. */
export const BODY_PARAGRAPH = 120;

/** SHOW_ELEMENT and TEXT_NODE, written out: the content script has no NodeFilter or Node in scope under test DOMs. */
const SHOW_ELEMENT = 1;
const TEXT_NODE = 3;

const BYLINE_CLASS = /byline|author/i;
const DATED_CLASS = /date|time|publish|posted|byline|author/i;

export interface ArticleHeader {
  /** Elements whose class says byline or author, in document order (anywhere in the walk). */
  bylines: Element[];
  /**
   * Elements whose class says date, time, published, posted, byline or author, and unmarked signed
   * lines (below), before the body starts.
   */
  datelines: Element[];
  /**
   * Unmarked elements before the body whose own text opens with a byline's words ("By …", "Posted by
   * … on …", "Written by", "Posted on … by …"): many blog engines print the byline so, in a plain
   * <div> or <p> under the title.
   */
  signed: Element[];
}

/** How a signed line opens (lower case, after leading spaces): a byline's words, never a sentence's. */
const SIGNED_OPENINGS = ['by ', 'by:', 'posted by ', 'posted on ', 'written by ', 'published by ', 'published on '];

/** Whether the element's first text, its own (not a child element's), opens like a byline: a cheap look, no textContent of a container. */
function opensSigned(el: Element): boolean {
  const first = el.firstChild;
  if (first?.nodeType !== TEXT_NODE) return false;
  const head = (first.nodeValue ?? '').slice(0, 40).trimStart().slice(0, 14).toLowerCase();
  return SIGNED_OPENINGS.some((o) => head.startsWith(o));
}

/** Walks from `start` (the headline, else the first <h1>, else the body). */
export function articleHeader(doc: Document, start: Element | null): ArticleHeader {
  const out: ArticleHeader = { bylines: [], datelines: [], signed: [] };
  const root = doc.body ?? doc.documentElement;
  const from = start ?? doc.querySelector('h1') ?? root;
  if (!root || !from) return out;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  walker.currentNode = from;
  let inBody = false;
  for (let i = 0, node = walker.nextNode(); node && i < MAX_WALK; i++, node = walker.nextNode()) {
    const el = node as Element;
    const tag = el.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'svg') continue;
    if (tag === 'P' && !inBody && (el.textContent?.length ?? 0) >= BODY_PARAGRAPH) inBody = true;
    const cls = el.getAttribute('class');
    if (!cls) {
      if (!inBody && opensSigned(el)) {
        out.signed.push(el);
        out.datelines.push(el);
      }
      continue;
    }
    if (BYLINE_CLASS.test(cls)) out.bylines.push(el);
    if (!inBody && DATED_CLASS.test(cls)) out.datelines.push(el);
  }
  return out;
}
