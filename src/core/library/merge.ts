/**
 * A later edition of a story merged into the version held, in place: the held id stays; the title,
 * summary and perspectives are the edition's (the newest account); articles, sources, links and
 * timeline are the union of both, so nothing a reader may still be reading disappears because a
 * later edition lists fewer. Source numbers are the edition's, then the held version's other sources
 * numbered after them, and every citation of a kept entry is renumbered to match.
 */
import { canonicalize, type Article, type Link, type Source, type Story, type TimelineEntry } from '../story/model';
import { dateSortKey } from '../text/format';
import { linkKey } from './identity';

const articleKey = (a: Article): string => (a.url && linkKey(a.url)) || `${a.outlet.toLowerCase()}\n${a.title.toLowerCase()}`;
const sourceKey = (s: Source): string => (s.url && linkKey(s.url)) || `${(s.domain ?? s.outlet).toLowerCase()}\n${s.title.toLowerCase()}`;
const timelineKey = (e: TimelineEntry): string => `${e.date ?? e.label ?? ''}\n${e.text.toLowerCase()}`;

const later = (a: string | undefined, b: string | undefined): string | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

export interface MergeResult {
  story: Story;
  /** False when the merged story is the held one, field for field. */
  changed: boolean;
  /** What the edition added to the held story (for "new since you last looked"). */
  added: { articles: number; timeline: number };
}

export function mergeStory(held: Story, edition: Story): MergeResult {
  // Sources: the edition's numbering, then the held version's other sources after them.
  const sources: Source[] = edition.sources.map((s) => ({ ...s }));
  const sourceAt = new Map<string, number>();
  for (const s of sources) if (!sourceAt.has(sourceKey(s))) sourceAt.set(sourceKey(s), s.n);
  let nextN = sources.reduce((m, s) => Math.max(m, s.n), 0) + 1;
  const renumber = new Map<number, number>();
  for (const s of held.sources) {
    const k = sourceKey(s);
    const at = sourceAt.get(k);
    if (at !== undefined) renumber.set(s.n, at);
    else {
      const n = nextN++;
      sources.push({ ...s, n });
      sourceAt.set(k, n);
      renumber.set(s.n, n);
    }
  }
  const cite = (cs: readonly number[]) => [...new Set(cs.map((c) => renumber.get(c)).filter((c): c is number => c !== undefined))];

  // Each article's key made once (a link key parses its address).
  const articles: Article[] = [...edition.articles];
  const editionArticleKeys = edition.articles.map(articleKey);
  const heldArticleKeys = held.articles.map(articleKey);
  const articleKeys = new Set(editionArticleKeys);
  held.articles.forEach((a, i) => {
    const k = heldArticleKeys[i] as string;
    if (!articleKeys.has(k)) {
      articleKeys.add(k);
      articles.push(a);
    }
  });
  const heldArticleKeySet = new Set(heldArticleKeys);
  let addedArticles = 0;
  for (const k of editionArticleKeys) if (!heldArticleKeySet.has(k)) addedArticles++;

  // The edition's timeline in its own order; each entry only the held version has goes before the
  // first entry dated after it (so an unchanged edition gives the held timeline back as it was).
  const timeline: TimelineEntry[] = [...edition.timeline];
  const timelineKeys = new Set(timeline.map(timelineKey));
  for (const e of held.timeline) {
    const k = timelineKey(e);
    if (timelineKeys.has(k)) continue;
    timelineKeys.add(k);
    const kept = { ...e, citations: cite(e.citations) };
    const when = dateSortKey(e.date);
    const at = e.date === null ? -1 : timeline.findIndex((x) => x.date !== null && dateSortKey(x.date) > when);
    if (at < 0) timeline.push(kept);
    else timeline.splice(at, 0, kept);
  }
  const heldTimelineKeys = new Set(held.timeline.map(timelineKey));
  const addedTimeline = edition.timeline.filter((e) => !heldTimelineKeys.has(timelineKey(e))).length;

  const links: Link[] = edition.links.map((l) => ({ ...l }));
  const linkAt = new Map(links.map((l, i) => [l.url, i]));
  for (const l of held.links) {
    const i = linkAt.get(l.url);
    if (i === undefined) {
      linkAt.set(l.url, links.length);
      links.push({ ...l });
    } else {
      const kept = links[i] as Link;
      kept.cited = Math.max(kept.cited, l.cited);
    }
  }

  const updated = later(held.updated, edition.updated);
  const format = edition.format ?? held.format;
  const story: Story = canonicalize({
    id: held.id,
    title: edition.title,
    ...(updated !== undefined ? { updated } : {}),
    articleCount: Math.max(articles.length, held.articleCount, edition.articleCount),
    summary: edition.summary.length ? edition.summary : held.summary.map((s) => ({ ...s, citations: cite(s.citations), sentences: s.sentences.map((x) => ({ ...x, citations: cite(x.citations) })) })),
    sources,
    timeline,
    articles,
    links,
    perspectives: edition.perspectives.length ? edition.perspectives : held.perspectives,
    ...(format !== undefined ? { format } : {}),
  });
  return { story, changed: !sameJson(story, canonicalize(held)), added: { articles: addedArticles, timeline: addedTimeline } };
}

/**
 * Whether two JSON values would be written as the same JSON text (keys in the same order), compared
 * in place: a Kagi sync compares thousands of stories, each written out twice before.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
