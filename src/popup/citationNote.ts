import type { CitationCheck } from '../core/claims/citationCheck';
import { t } from './i18n';

/** "cited as [2]; closest listed article: BBC, “…”", for a citation whose source does not fit; null when it fits. */
export function misfitNote(c: CitationCheck): string | null {
  if (c.fit !== 'misfit' && c.fit !== 'not-listed') return null;
  const closest = c.closest;
  if (!closest) return t('citedAsNotListed', c.n);
  return closest.kind === 'source' ? t('citedAsClosestSource', c.n, closest.n, closest.outlet, closest.title) : t('citedAsClosestArticle', c.n, closest.outlet, closest.title);
}
