/**
 * The readability-dev pages (../shared/data/pages/readability-dev: real pages from Mozilla
 * Readability's test corpus, labelled news / blog / other) and how a reading of them is scored.
 * Shared by test/unit/extract-pages.test.ts and `npm run bench:pages`; reads ../shared, never copies it.
 *
 * The expected metadata is Readability's own output, "mostly but not always right". Where it is
 * wrong, EXCEPTIONS says what the page shows instead and why; those few values replace it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CORPUS = path.resolve(import.meta.dirname, '../../../shared/data/pages/readability-dev');

export type Label = 'news' | 'blog' | 'other';

export interface Expected {
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
}

export interface CorpusPage {
  name: string;
  label: Label;
  file: string;
  /** The address the page is read at: the pages carry none of their own, so the file's (no host, no section path). */
  url: string;
  expected: Expected;
}

/** Where Readability's expectation is wrong: the value the page shows, and why. */
export const EXCEPTIONS: Record<string, { field: keyof Expected; value: string | null; why: string }[]> = {
  'yahoo-2': [
    {
      field: 'title',
      value: 'Russia: Space ship malfunctions, breaks up over Siberia',
      why: "the expectation is the portal's og:title (\"Yahoo News - Latest News & Headlines\"); the document title and the article's heading are the headline",
    },
  ],
  'herald-sun-1': [
    { field: 'byline', value: 'Laurie Oakes', why: "the expectation is a related story's byline further down the page; the article's author meta and its own byline name Laurie Oakes" },
  ],
  'seattletimes-1': [
    { field: 'byline', value: 'Benjamin Romano', why: 'the expectation is the dateline ("April 28, 2019 at 6:01 am Updated …"); the author meta and the byline name Benjamin Romano' },
  ],
  'ebb-org': [
    { field: 'byline', value: 'Bradley M. Kuhn', why: "the expectation keeps the author's home page address, \"(http://ebb.org/bkuhn/)\", which is not part of a name" },
  ],
  'simplyfound-1': [
    { field: 'byline', value: 'Joe Wee', why: 'the expectation has no byline; the page shows "Joe Wee" above the article (and "BY: JOE WEE" in its site name)' },
  ],
};

/** The pages, in name order; throws (fails the caller) when ../shared is missing. */
export function loadCorpus(): CorpusPage[] {
  if (!existsSync(CORPUS)) throw new Error(`the readability-dev pages are missing: ${CORPUS} (see ../shared/data/README.md)`);
  const labels = (JSON.parse(readFileSync(path.join(CORPUS, 'labels.json'), 'utf8')) as { labels: Record<string, Label> }).labels;
  const names = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return names.map((name) => {
    const label = labels[name];
    if (!label) throw new Error(`${name}: no label in labels.json`);
    const raw = JSON.parse(readFileSync(path.join(CORPUS, name, 'expected-metadata.json'), 'utf8')) as Partial<Expected>;
    const expected: Expected = { title: raw.title ?? null, byline: raw.byline ?? null, publishedTime: raw.publishedTime ?? null };
    for (const e of EXCEPTIONS[name] ?? []) expected[e.field] = e.value;
    const file = path.join(CORPUS, name, 'source.html');
    return { name, label, file, url: pathToFileURL(file).href, expected };
  });
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A title is right when it is the expected one, or the expected one without the site's name after
 * it (Readability keeps "Headline | Site" from the document title; the headline is the title).
 */
export function titleRight(got: string | undefined, expected: string): boolean {
  if (!got) return false;
  const g = norm(got);
  const e = norm(expected);
  return g === e || (e.startsWith(g) && /^\s*[|\-\u2013\u2014_\u2729\u00b7:]/.test(e.slice(g.length)) && g.length >= e.length / 3);
}

/** The names of a byline: its first line without "By" (Readability keeps the element's other lines, a date or a desk). */
const bylineNames = (s: string) => norm((s.split('\n')[0] ?? '').replace(/^\s*by[:\s]+/i, ''));

export const bylineRight = (got: string | undefined, expected: string): boolean => got !== undefined && bylineNames(got) === bylineNames(expected);

/** The calendar date as written (YYYY-MM-DD), and the instant when the value has a time zone. */
function when(s: string): { day: string; instant: number | null } | null {
  const m = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined || m[7] === undefined) return { day, instant: null };
  const zone = m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  return { day, instant: Date.parse(`${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`) };
}

/** A date is right when it names the same instant, or (one without a time zone) the same calendar date as written. */
export function dateRight(got: string | undefined, expected: string): boolean {
  if (!got) return false;
  const g = when(got);
  const e = when(expected);
  if (!g || !e) return false;
  if (g.instant !== null && e.instant !== null) return g.instant === e.instant;
  return g.day === e.day;
}

export interface Reading {
  title?: string;
  author?: string;
  published?: string;
}

export interface PageScore {
  name: string;
  label: Label;
  accepted: boolean;
  /** undefined when the field is not scored on this page (not an article, or nothing expected). */
  title?: boolean;
  byline?: boolean;
  published?: boolean;
}

export function scorePage(page: CorpusPage, got: Reading | null): PageScore {
  const out: PageScore = { name: page.name, label: page.label, accepted: got !== null };
  if (page.label === 'other') return out;
  if (page.expected.title) out.title = titleRight(got?.title, page.expected.title);
  if (page.expected.byline) out.byline = bylineRight(got?.author, page.expected.byline);
  if (page.expected.publishedTime) out.published = dateRight(got?.published, page.expected.publishedTime);
  return out;
}

export interface Summary {
  articles: number;
  recall: number;
  otherAccepted: number;
  precision: number;
  title: number;
  byline: number;
  published: number;
  counts: { title: number; byline: number; published: number };
}

const share = (xs: (boolean | undefined)[]) => {
  const scored = xs.filter((x): x is boolean => x !== undefined);
  return { rate: scored.length ? scored.filter(Boolean).length / scored.length : 1, n: scored.length };
};

export function summarise(scores: readonly PageScore[]): Summary {
  const articles = scores.filter((s) => s.label !== 'other');
  const accepted = scores.filter((s) => s.accepted);
  const t = share(articles.map((s) => s.title));
  const b = share(articles.map((s) => s.byline));
  const p = share(articles.map((s) => s.published));
  return {
    articles: articles.length,
    recall: articles.filter((s) => s.accepted).length / articles.length,
    otherAccepted: accepted.filter((s) => s.label === 'other').length,
    precision: accepted.length ? accepted.filter((s) => s.label !== 'other').length / accepted.length : 1,
    title: t.rate,
    byline: b.rate,
    published: p.rate,
    counts: { title: t.n, byline: b.n, published: p.n },
  };
}
