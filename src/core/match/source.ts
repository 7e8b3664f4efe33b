/**
 * Which of a story's sources a page is: the outlet from the page's host (the registry's, else the
 * site's own name), and among that outlet's sources the one whose title and description cover the
 * headline best.
 */
import { outletByHost, outletByName } from '../outlets/registry';
import type { Story } from '../story/model';
import { fold, tokenize } from '../text/tokens';
import { hostOf } from '../text/url';
import type { MatchPage } from './page';

export function outletNameForHost(host: string): string | undefined {
  return outletByHost(host)?.name;
}

/** Is the outlet a story calls `name` (or whose domain is `domain`) the one publishing on `host`? */
export function sameOutlet(name: string, host: string, domain?: string): boolean {
  if (domain && (host === domain || host.endsWith(`.${domain}`))) return true;
  const byHost = outletByHost(host);
  const byName = outletByName(name);
  if (byHost && byName) return byHost.id === byName.id;
  return fold(name).replace(/[^a-z0-9]/g, '') === host.split('.').slice(-2, -1)[0];
}


/** Per source: token → weight (title 1, description 0.5, summary sentences citing it 0.3). */
const profiles = new WeakMap<Story, Map<number, Map<string, number>>>();

function sourceProfiles(story: Story): Map<number, Map<string, number>> {
  const cached = profiles.get(story);
  if (cached) return cached;
  const out = new Map<number, Map<string, number>>();
  const add = (n: number, text: string, w: number) => {
    let p = out.get(n);
    if (!p) out.set(n, (p = new Map()));
    for (const t of tokenize(text)) p.set(t, Math.max(p.get(t) ?? 0, w));
  };
  for (const s of story.sources) {
    add(s.n, s.title, 1);
    if (s.description) add(s.n, s.description, 0.5);
  }
  for (const sec of story.summary) for (const sen of sec.sentences) for (const n of sen.citations) if (out.has(n)) add(n, sen.text, 0.3);
  profiles.set(story, out);
  return out;
}

/**
 * Which of the story's sources this page is: one from the same outlet whose title (and, with less
 * weight, description and the summary sentences that cite it) covers most of the page's headline;
 * outlets retitle their articles as a story develops. Null when no source of that outlet fits.
 */
export function identifySource(story: Story, page: MatchPage): { source: number | null; outlet: string | null } {
  const host = hostOf(page.canonicalUrl ?? page.url);
  const registry = host ? outletByHost(host) : undefined;
  const outletName = registry?.name ?? page.siteName ?? null;
  if (!host) return { source: null, outlet: outletName };
  const pageTokens = [...new Set(tokenize(page.title))];
  if (pageTokens.length === 0) return { source: null, outlet: outletName };
  const all = sourceProfiles(story);
  let best: { n: number; sim: number; titleShare: number; outlet: string } | null = null;
  for (const s of story.sources) {
    if (!sameOutlet(s.outlet, host, s.domain)) continue;
    const profile = all.get(s.n);
    if (!profile) continue;
    let got = 0;
    let inTitle = 0;
    for (const t of pageTokens) {
      const w = profile.get(t) ?? 0;
      got += w;
      if (w === 1) inTitle++;
    }
    const sim = got / pageTokens.length;
    if (!best || sim > best.sim) best = { n: s.n, sim, titleShare: inTitle / pageTokens.length, outlet: s.outlet };
  }
  if (best && best.sim >= 0.35 && best.titleShare >= 0.2) return { source: best.n, outlet: best.outlet };
  return { source: null, outlet: best?.outlet ?? outletName };
}
