import { httpUrl } from '../core/text/url';

/**
 * A site's front page: its root address, with no query. Every outlet's home page lives there; an
 * article never does. (Section fronts have paths and are not told apart here.)
 */
export function isFrontPage(url: string | undefined): boolean {
  const u = httpUrl(url);
  return u !== undefined && (u.pathname === '/' || u.pathname === '') && u.search === '';
}
