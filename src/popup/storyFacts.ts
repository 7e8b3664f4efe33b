/**
 * What the popup's first screen says about a story, computed from the story alone: who reports it
 * (outlets named as the registry names them, with their counts and the span of their dates), the
 * timeline step to show, and story text cleaned of markers that are not prose.
 */
import { outletByHost, outletByName } from '../core/outlets/registry';
import type { Story, TimelineEntry } from '../core/story/model';
import { dateSortKey } from '../core/text/format';
import { hostOf } from '../core/text/url';


/** A name that is a bare domain ("cnbc.com"), as feeds give for outlets they cannot name. */
const looksLikeDomain = (s: string) => /^[\w-]+(\.[\w-]+)+$/.test(s.trim());

/** The outlet's display name: the registry's when it knows the name or the domain, else the story's. */
export function outletName(name: string, url?: string, domain?: string): string {
  const known = outletByName(name) ?? (looksLikeDomain(name) ? outletByHost(name) : undefined) ?? outletByHost(domain ?? hostOf(url) ?? '');
  return known?.name ?? name;
}

export interface CoverageOutlet {
  name: string;
  /** Distinct reports (sources and articles, one per address or title) from this outlet. */
  reports: number;
  /** The outlet of the page the reader is on. */
  own: boolean;
}

export interface Coverage {
  outlets: CoverageOutlet[];
  /** Earliest and latest publication dates of the reports (ISO), when the story has them. */
  from: string | null;
  to: string | null;
}

const reportKey = (url: string | undefined, title: string) => (url ? url.replace(/[#?].*$/, '').replace(/\/$/, '').toLowerCase() : `title:${title.trim().toLowerCase()}`);

/** The outlets that report the story, most reports first; `ownOutlet` is the page's outlet as the match names it. */
export function coverage(story: Story, ownOutlet: string | null): Coverage {
  const byOutlet = new Map<string, Set<string>>();
  const add = (name: string, key: string) => {
    const seen = byOutlet.get(name) ?? new Set<string>();
    seen.add(key);
    byOutlet.set(name, seen);
  };
  for (const s of story.sources) add(outletName(s.outlet, s.url, s.domain), reportKey(s.url, s.title || `#${s.n}`));
  let from: string | null = null;
  let to: string | null = null;
  for (const a of story.articles) {
    add(outletName(a.outlet, a.url, a.domain), reportKey(a.url, a.title));
    if (a.published) {
      if (from === null || a.published < from) from = a.published;
      if (to === null || a.published > to) to = a.published;
    }
  }
  const own = ownOutlet ? outletName(ownOutlet).toLowerCase() : null;
  const outlets = [...byOutlet.entries()]
    .map(([name, keys]) => ({ name, reports: keys.size, own: own !== null && name.toLowerCase() === own }))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
  return { outlets, from, to };
}

const startOf = (e: TimelineEntry) => (e.date === null ? Number.NaN : Date.parse(e.precision === 'year' ? `${e.date}-01-01` : e.precision === 'month' ? `${e.date}-01` : e.date));

/**
 * The timeline step a reader wants first: the earliest one still to come (after `now`), else the
 * latest dated one; null when nothing is dated.
 */
export function keyStep(entries: readonly TimelineEntry[], now: number): { entry: TimelineEntry; upcoming: boolean } | null {
  const dated = entries.filter((e) => Number.isFinite(startOf(e))).sort((a, b) => dateSortKey(a.date).localeCompare(dateSortKey(b.date)));
  const next = dated.find((e) => startOf(e) > now);
  if (next) return { entry: next, upcoming: true };
  const last = dated.at(-1);
  return last ? { entry: last, upcoming: false } : null;
}

/**
 * Story text as prose: feeds leave bracketed lower-case markers ("[common]") where a citation was
 * not a number; they are notes to the writer, not words to read.
 */
export const prose = (text: string): string => text.replace(/\s*\[[a-z][a-z -]{0,30}\]/g, '').trim();

/** "Speaker: what they hold" → speaker and view; a view with no such lead has no speaker. */
export function splitSpeaker(text: string): { speaker: string | null; view: string } {
  const m = /^([^:.!?]{2,80}):\s+(.+)$/su.exec(text.trim());
  return m ? { speaker: (m[1] ?? '').trim(), view: (m[2] ?? '').trim() } : { speaker: null, view: text.trim() };
}

/** Only https links are offered to the reader. */
export const safeHref = (url: string | undefined): string | null => (url && /^https:\/\//i.test(url) ? url : null);
