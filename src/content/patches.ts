/**
 * Per-outlet patches: small fixes applied after the generic reader, only for what it gets wrong on
 * that outlet. Each patch has a fixture under test/fixtures/outlets/<outlet>/ that shows the problem
 * (test/unit/extract.test.ts checks that).
 */
import { LEAD_CHARS } from '../core/match/lead';
import type { PageMeta } from '../core/match/page';

type Patch = (doc: Document, meta: PageMeta) => PageMeta;

/** The first three substantial texts among the first six of these elements: a page's lead. */
export function leadOf(els: ArrayLike<Element>): string {
  const texts: string[] = [];
  for (let i = 0; i < els.length && i < 6 && texts.length < 3; i++) {
    const t = els[i]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (t.length > 40) texts.push(t);
  }
  return texts.join('\n').slice(0, LEAD_CHARS);
}

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
  {
    // Reuters sets the story text in <div data-testid="paragraph-N">, not <p>: the generic lead is
    // empty, or picks up whatever stray <p> the page has.
    domain: 'reuters.com',
    patch: (doc, meta) => {
      const lead = leadOf(doc.querySelectorAll('[data-testid^="paragraph-"]'));
      return lead ? { ...meta, lead } : meta;
    },
  },
];

export function patchFor(hostname: string): Patch | undefined {
  const h = hostname.toLowerCase();
  return PATCHES.find((p) => h === p.domain || h.endsWith(`.${p.domain}`))?.patch;
}
