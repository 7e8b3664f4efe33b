/**
 * Exact matching: a page whose URL is one a story lists, or whose headline is one of the story's
 * article or source titles (compared after folding case, dashes, quotes and white space). It names
 * the source number when the page is one of the story's cited sources. Lexical scoring for pages
 * that were retitled comes on top of this.
 */
import type { Story } from '../story/model';
import type { PageMeta } from './page';

export interface Match {
  storyId: string;
  title: string;
  /** The source number this page is, when it is one of the story's cited sources. */
  source: number | null;
  outlet: string | null;
  how: 'url' | 'title';
}

export function foldTitle(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/\s*[|\u2013\u2014-]\s*(cnn|bbc news|ap news|newsweek|the associated press)$/i, '')
    .replace(/[^\p{L}\p{N}'"-]+/gu, ' ')
    .trim();
}

export function normaliseUrl(u: string): string {
  try {
    const url = new URL(u);
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return '';
  }
}

export function exactMatch(page: PageMeta, stories: readonly Story[]): Match | null {
  const urls = new Set([page.canonicalUrl, page.url].filter((u): u is string => !!u).map(normaliseUrl));
  const title = foldTitle(page.title);
  const how = (item: { url?: string | undefined; title: string }): Match['how'] | null => {
    if (item.url && urls.has(normaliseUrl(item.url))) return 'url';
    return title && foldTitle(item.title) === title ? 'title' : null;
  };
  for (const story of stories) {
    for (const s of story.sources) {
      const h = how(s);
      if (h) return { storyId: story.id, title: story.title, source: s.n, outlet: s.outlet, how: h };
    }
    for (const a of story.articles) {
      const h = how(a);
      if (h) return { storyId: story.id, title: story.title, source: null, outlet: a.outlet, how: h };
    }
  }
  return null;
}
