/**
 * A site's front page: its root address, with no query. Every outlet's home page lives there; an
 * article never does. (Section fronts have paths and are not told apart here.)
 */
export function isFrontPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && (u.pathname === '/' || u.pathname === '') && u.search === '';
  } catch {
    return false;
  }
}
