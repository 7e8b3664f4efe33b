/**
 * Per-outlet patches: small fixes applied after the generic reader, only for what it gets wrong on
 * that outlet. Each patch has a fixture under test/fixtures/pages/<outlet>/ that shows the problem.
 */
import type { PageMeta } from '../core/match/page';

type Patch = (doc: Document, meta: PageMeta) => PageMeta;

const PATCHES: readonly { domain: string; patch: Patch }[] = [
  {
    // AP's JSON-LD names the author as an array of bare strings with "By " prefixes and lists the
    // site as "AP News" in og:site_name; stories call the outlet "AP".
    domain: 'apnews.com',
    patch: (_doc, meta) => ({
      ...meta,
      ...(meta.author ? { author: meta.author.replace(/\bBy\s+/g, '') } : {}),
      ...(meta.siteName === 'AP News' ? { siteName: 'AP' } : {}),
    }),
  },
];

export function patchFor(hostname: string): Patch | undefined {
  const h = hostname.toLowerCase();
  return PATCHES.find((p) => h === p.domain || h.endsWith(`.${p.domain}`))?.patch;
}
