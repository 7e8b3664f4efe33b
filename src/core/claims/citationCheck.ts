/**
 * The story's own citations, checked against what the cited source says it is about. A story's
 * `[n]` numbers are kept as written, but they are not always right (a timeline may number its
 * entries by another list than its sources). For every summary sentence and timeline entry, each
 * cited source's title and description are weighed against the statement; a citation "does not
 * fit" when another listed source or article, not cited there, covers the statement far better.
 *
 * The check is deliberately one-sided: a source is only described by its title and, sometimes, a
 * short description, so a statement may add details its source's title never mentions. Low overlap
 * alone proves nothing; a clearly better candidate does. Everything else fits.
 *
 * Words are weighted by IDF over the story's own sources and articles, so the words every article of
 * the story shares (its actors, its place) count little and what sets one article apart counts most.
 */
import type { Story } from '../story/model';
import { fold, tokenize } from '../text/tokens';

/**
 * - `fits`: listed, and no uncited source or article covers the statement clearly better;
 * - `misfit`: another listed source or article covers the statement far better (see `closest`);
 * - `not-listed`: no source has this number;
 * - `unchecked`: the source has neither title nor description to check against.
 */
export type CitationFit = 'fits' | 'misfit' | 'not-listed' | 'unchecked';

/** A listed source (by its number) or a related article that no source repeats (by its index). */
export type Listed = { kind: 'source'; n: number; outlet: string; title: string } | { kind: 'article'; index: number; outlet: string; title: string };

export interface CitationCheck {
  /** The citation number as written. */
  n: number;
  fit: CitationFit;
  /** The cited source's outlet, when the number is listed. */
  outlet: string | null;
  /** Share of the cited source's weighted words that the statement contains (0–1). */
  coverage: number;
  /** For `misfit` and `not-listed`: the uncited source or article that covers the statement best, when one covers it well. */
  closest: Listed | null;
}

export interface StoryCitationChecks {
  /** `summary[section][sentence]`: one check per citation of that sentence, in written order. */
  summary: CitationCheck[][][];
  /** `timeline[entry]`: one check per citation of that entry (entries in the story's order). */
  timeline: CitationCheck[][];
}

export interface CitationCheckOptions {
  /** The candidate must contain at least this share of its weighted words in the statement. */
  minCloseCoverage: number;
  /** …and weigh at least this many times what the cited source has in common with the statement. */
  minAdvantage: number;
}

/**
 * Chosen by `node --import tsx bench/citation-check.ts` on the dev data: the reference story and the
 * 35 Kagi dev stories as published (their citations are taken as right: few may be flagged), and the
 * same stories with each citation moved to another of the story's sources (a good rule flags many).
 */
export const DEFAULT_CITATION_CHECK: CitationCheckOptions = { minCloseCoverage: 0.5, minAdvantage: 4 };

interface Candidate {
  listed: Listed;
  /** The source number, for sources; excluded as an alternative where the item cites it already. */
  n: number | null;
  tokens: Set<string>;
  /** Outlet words, to see a statement name the source it cites ("AP reported … [3]"). */
  outletTokens: string[];
  hasText: boolean;
}

const cache = new WeakMap<Story, StoryCitationChecks>();

/** Every citation of the story's summary sentences and timeline entries, checked. Computed once per story object. */
export function checkCitations(story: Story, options: CitationCheckOptions = DEFAULT_CITATION_CHECK): StoryCitationChecks {
  const useCache = options === DEFAULT_CITATION_CHECK;
  const hit = useCache ? cache.get(story) : undefined;
  if (hit) return hit;
  const checker = new CitationChecker(story, options);
  const result: StoryCitationChecks = {
    summary: story.summary.map((section) => section.sentences.map((s) => checker.check(s.text, s.citations))),
    timeline: story.timeline.map((e) => checker.check(e.text, e.citations)),
  };
  if (useCache) cache.set(story, result);
  return result;
}

/** Per sentence and timeline entry, the cited numbers whose source fits what is said (written order). */
export function checkedCitations(story: Story): { summary: number[][][]; timeline: number[][] } {
  const checks = checkCitations(story);
  const fitting = (cs: CitationCheck[]) => cs.filter((c) => c.fit === 'fits').map((c) => c.n);
  return { summary: checks.summary.map((sec) => sec.map(fitting)), timeline: checks.timeline.map(fitting) };
}

/**
 * The outlets an item reports from, judged by content: those of the citations that fit, and for a
 * citation that does not fit (or names no source), the outlet of the listed article that covers the
 * statement well instead.
 */
export function outletsByContent(checks: readonly CitationCheck[]): string[] {
  const out = new Set<string>();
  for (const c of checks) {
    if (c.fit === 'fits' && c.outlet !== null) out.add(c.outlet);
    else if (c.closest) out.add(c.closest.outlet);
  }
  return [...out];
}

class CitationChecker {
  /** The candidates with a title or description: the only ones that can be weighed. */
  private readonly weighed: Candidate[];
  private readonly bySource = new Map<number, Candidate>();
  /** For each word, the weighed candidates that contain it and the word's IDF: a statement costs its own words, not words × candidates. */
  private readonly postings = new Map<string, { idf: number; candidates: number[] }>();
  /** Each weighed candidate's total IDF weight. */
  private readonly totals: Float64Array;
  /** Where each weighed candidate is in `weighed`. */
  private readonly weighedIndex = new Map<Candidate, number>();

  constructor(
    story: Story,
    private readonly options: CitationCheckOptions,
  ) {
    const candidates = candidatesOf(story);
    for (const c of candidates) if (c.n !== null) this.bySource.set(c.n, c);
    this.weighed = candidates.filter((c) => c.hasText);
    this.weighed.forEach((c, i) => {
      this.weighedIndex.set(c, i);
      for (const t of c.tokens) {
        const p = this.postings.get(t);
        if (p) p.candidates.push(i);
        else this.postings.set(t, { idf: 0, candidates: [i] });
      }
    });
    this.totals = new Float64Array(this.weighed.length);
    for (const p of this.postings.values()) {
      p.idf = Math.log(1 + this.weighed.length / p.candidates.length);
      for (const i of p.candidates) this.totals[i] = (this.totals[i] ?? 0) + p.idf;
    }
  }

  /**
   * The checks of a statement's citations, in written order. Linear in the citations: each number
   * is checked once (a statement citing a source 5,000 times gets 5,000 references to one check),
   * and what the statement cites is a set.
   */
  check(text: string, citations: readonly number[]): CitationCheck[] {
    const said = new Set(tokenize(text));
    const cited = new Set(citations);
    // The IDF weight each candidate shares with the statement.
    const shared = new Float64Array(this.weighed.length);
    for (const t of said) {
      const p = this.postings.get(t);
      if (p) for (const i of p.candidates) shared[i] = (shared[i] ?? 0) + p.idf;
    }
    const coverage = (i: number) => ((this.totals[i] ?? 0) > 0 ? (shared[i] ?? 0) / (this.totals[i] ?? 1) : 0);
    // The strongest candidate that covers the statement well and that the item does not cite already
    // (a better source cited beside a weak one covers the item).
    let closest = -1;
    this.weighed.forEach((c, i) => {
      if (c.n !== null && cited.has(c.n)) return;
      const w = shared[i] ?? 0;
      if (w > 0 && coverage(i) >= this.options.minCloseCoverage && (closest < 0 || w > (shared[closest] ?? 0))) closest = i;
    });
    const closeEnough = closest >= 0 ? { listed: (this.weighed[closest] as Candidate).listed, weight: shared[closest] ?? 0 } : null;
    const checkOf = (n: number): CitationCheck => {
      const source = this.bySource.get(n);
      if (!source) return { n, fit: 'not-listed', outlet: null, coverage: 0, closest: closeEnough?.listed ?? null };
      const outlet = source.listed.outlet;
      const i = this.weighedIndex.get(source);
      if (i === undefined) return { n, fit: 'unchecked', outlet, coverage: 0, closest: null };
      const named = source.outletTokens.length > 0 && source.outletTokens.every((t) => said.has(t));
      const misfit = !named && closeEnough !== null && closeEnough.weight >= this.options.minAdvantage * (shared[i] ?? 0);
      return { n, fit: misfit ? 'misfit' : 'fits', outlet, coverage: round(coverage(i)), closest: misfit ? closeEnough.listed : null };
    };
    const byNumber = new Map<number, CitationCheck>();
    for (const n of cited) byNumber.set(n, checkOf(n));
    return citations.map((n) => byNumber.get(n) as CitationCheck);
  }
}

/** The sources, then the related articles that no source repeats (same outlet and headline). */
function candidatesOf(story: Story): Candidate[] {
  const out: Candidate[] = story.sources.map((s) => ({
    listed: { kind: 'source', n: s.n, outlet: s.outlet, title: s.title },
    n: s.n,
    tokens: new Set(tokenize(`${s.title} ${s.description}`)),
    outletTokens: outletWords(s.outlet, s.domain),
    hasText: (s.title + s.description).trim().length > 0,
  }));
  const sourceKeys = new Set(story.sources.map((s) => headlineKey(s.outlet, s.title)));
  story.articles.forEach((a, index) => {
    if (!a.title.trim() || sourceKeys.has(headlineKey(a.outlet, a.title))) return;
    out.push({ listed: { kind: 'article', index, outlet: a.outlet, title: a.title }, n: null, tokens: new Set(tokenize(a.title)), outletTokens: outletWords(a.outlet, a.domain), hasText: true });
  });
  return out;
}

const headlineKey = (outlet: string, title: string) => `${fold(outlet)}\u0000${tokenize(title).join(' ')}`;

/** "AP" → ap; "engadget.com", "news.bbc.co.uk" → engadget, bbc: a domain is named by the label before its suffix. */
function outletWords(outlet: string, domain: string | undefined): string[] {
  const words = tokenize(isDomain(outlet) ? domainName(outlet) : outlet);
  return words.length > 0 ? words : domain ? tokenize(domainName(domain)) : [];
}

const isDomain = (s: string) => /^[\w-]+(\.[\w-]+)+$/.test(s.trim());
/** Second-level labels of country suffixes (bbc.co.uk, abc.net.au): not the name. */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'or', 'ne']);

function domainName(domain: string): string {
  const labels = domain.trim().toLowerCase().split('.').slice(0, -1);
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1] ?? '')) labels.pop();
  return labels[labels.length - 1] ?? '';
}

const round = (x: number) => Math.round(x * 1000) / 1000;
