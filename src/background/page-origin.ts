/**
 * Where a page really is. The content script reports what the page says about itself (its canonical
 * link, its site name), and a page can say anything: a CNN page whose canonical link points at a BBC
 * article must not be shown, or matched, as BBC's. The address comes from the browser (the sender's
 * frame URL), and the canonical link may only refine the path on the same registrable domain.
 */
import { getDomain } from 'tldts';
import { withoutHash } from '../core/match/address';
import type { PageMeta } from '../core/match/page';
import { httpUrl } from '../core/text/url';

/** The registrable domain of an http(s) URL (`edition.cnn.com` → `cnn.com`), or its host when it has none (an IP, localhost). */
export function registrableDomain(url: string): string | null {
  const parsed = httpUrl(url);
  if (!parsed) return null;
  return getDomain(parsed.hostname) ?? parsed.hostname;
}

/**
 * The page's metadata with its address taken from the browser: `url` is the frame's real address
 * (without fragment); `canonicalUrl` is kept only on the same registrable domain. Null when the
 * browser gave no http(s) address for the sender.
 */
export function pageAtRealAddress(meta: PageMeta, frameUrl: string | undefined): PageMeta | null {
  if (frameUrl === undefined) return null;
  const domain = registrableDomain(frameUrl);
  if (domain === null) return null;
  const { canonicalUrl, ...rest } = meta;
  const page: PageMeta = { ...rest, url: withoutHash(frameUrl) };
  if (canonicalUrl !== undefined && registrableDomain(canonicalUrl) === domain) page.canonicalUrl = canonicalUrl;
  return page;
}
