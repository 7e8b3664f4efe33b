/**
 * The words a page offers beyond its headline: its address's slug, its standfirst and its lead. The
 * matcher reads them as evidence of which event the page reports (a slug often keeps the headline an
 * editor first wrote, with the names a shortened headline drops).
 */
import type { MatchPage } from './page';
import { LEAD_CHARS } from './lead';

/**
 * The slug of a page's address: the last path segment written as words joined by hyphens or
 * underscores (three words at least, so that ids, dates and section names are not read as words),
 * without its file extension. Empty when the address has none.
 */
export function addressSlug(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const segments = path.split('/').filter(Boolean).reverse();
  for (const seg of segments) {
    let s: string;
    try {
      s = decodeURIComponent(seg);
    } catch {
      s = seg;
    }
    s = s.replace(/\.[a-z0-9]{2,5}$/i, '');
    const words = s.split(/[-_+]+/).filter((w) => /\p{L}{2,}/u.test(w));
    if (words.length >= 3) return words.join(' ');
  }
  return '';
}

/** The page's texts beyond the headline that the matcher reads (slug, description, the lead's start). */
export function pageTexts(page: MatchPage): string[] {
  const out: string[] = [];
  const slug = addressSlug(page.canonicalUrl ?? page.url);
  if (slug) out.push(slug);
  if (page.description) out.push(page.description);
  if (page.lead) out.push(page.lead.slice(0, LEAD_CHARS));
  return out;
}
