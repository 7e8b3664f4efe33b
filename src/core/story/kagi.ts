/**
 * Importer for Kagi News story JSON ("kite" clusters). Inline citations `[domain#N]` name the N-th
 * article from that domain; they become source numbers. The source list is the story's articles in
 * order; a citation whose article the feed left out is resolved, in the same order, against the
 * story's `source_urls`, and failing that kept as a source with its domain and no link: a link is
 * never invented.
 *
 * UCI-style stories (`id`, `title`, `articles[{title, link, domain, publisher, date}]`) are the same
 * shape with fewer fields and import here too.
 */
import * as v from 'valibot';
import { deriveStoryId } from './ids';
import { isHttpUrl, LIMITS, type Article, type Perspective, type Source, type Story, type SummarySection, type TimelineEntry } from './model';
import { splitSentences, tidy, unique, type CitedSentence } from '../text/sentences';
import { FUTURE_MARKERS, resolveDatePhrase } from '../text/dates';
import { hostOf } from '../text/url';

const str = (max: number = LIMITS.shortText) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max.toLocaleString('en-US')} characters`));
const optStr = (max?: number) => v.optional(v.nullable(str(max)));
const arr = <T extends v.GenericSchema>(item: T) => v.optional(v.nullable(v.pipe(v.array(item), v.maxLength(LIMITS.listItems, 'has more than 5,000 items'))));

/** The fields Storylens reads; anything else in a Kagi story is ignored. */
export const KagiStorySchema = v.looseObject({
  id: v.optional(v.union([str(200), v.number()])),
  cluster_number: v.optional(v.number()),
  title: v.pipe(str(), v.trim(), v.nonEmpty('must not be empty')),
  short_summary: optStr(LIMITS.longText),
  summary: optStr(LIMITS.longText),
  published: v.optional(v.nullable(v.union([v.number(), str()]))),
  talking_points: arr(str(LIMITS.longText)),
  perspectives: arr(
    v.looseObject({
      text: str(LIMITS.longText),
      sources: arr(v.looseObject({ name: str(), url: optStr(LIMITS.url) })),
    }),
  ),
  timeline: arr(v.looseObject({ date: v.optional(v.nullable(v.union([str(), v.number()]))), content: str(LIMITS.longText) })),
  articles: arr(
    v.looseObject({
      title: str(),
      link: optStr(LIMITS.url),
      domain: optStr(),
      publisher: optStr(),
      date: optStr(),
    }),
  ),
  source_urls: arr(str(LIMITS.url)),
  did_you_know: optStr(LIMITS.longText),
  quote: optStr(LIMITS.longText),
  quote_author: optStr(),
  quote_attribution: optStr(),
  technical_details: arr(str(LIMITS.longText)),
  scientific_significance: arr(str(LIMITS.longText)),
  industry_impact: arr(str(LIMITS.longText)),
  international_reactions: arr(str(LIMITS.longText)),
  suggested_qna: arr(v.looseObject({ question: optStr(), answer: optStr(LIMITS.longText) })),
  historical_background: optStr(LIMITS.longText),
  humanitarian_impact: optStr(LIMITS.longText),
  economic_implications: optStr(LIMITS.longText),
  geopolitical_context: optStr(LIMITS.longText),
  future_outlook: optStr(LIMITS.longText),
});
export type KagiStory = v.InferOutput<typeof KagiStorySchema>;

/** Optional lists of prose items that become one summary section each (items as sentences), in display order. */
const LIST_SECTIONS: readonly [keyof KagiStory, string][] = [
  ['technical_details', 'Technical details'],
  ['scientific_significance', 'Scientific significance'],
  ['industry_impact', 'Industry impact'],
  ['international_reactions', 'International reactions'],
];

/** Optional prose fields that become summary sections, in display order. */
const EXTRA_SECTIONS: readonly [keyof KagiStory, string][] = [
  ['historical_background', 'Historical background'],
  ['humanitarian_impact', 'Humanitarian impact'],
  ['economic_implications', 'Economic implications'],
  ['geopolitical_context', 'Geopolitical context'],
  ['future_outlook', 'Future outlook'],
  ['did_you_know', 'Did you know'],
];

export function looksLikeKagiStory(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return typeof o.title === 'string' && (Array.isArray(o.articles) || typeof o.summary === 'string' || typeof o.short_summary === 'string' || Array.isArray(o.talking_points));
}


/** Does host `h` belong to domain `d` (equal, or a subdomain of it)? */
function withinDomain(h: string, d: string): boolean {
  return h === d || h.endsWith(`.${d}`);
}

function toIso(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace('.000Z', 'Z');
}

const KAGI_CITATION = /\[([a-z0-9][a-z0-9.-]*\.[a-z]{2,})#(\d{1,4})\]/gi;

class CitationResolver {
  readonly sources: Source[];
  private readonly byKey = new Map<string, number>();
  private readonly sourceUrls: string[];
  private readonly articleUrls: Set<string>;
  /** How many listed articles each domain has. */
  private readonly perDomain = new Map<string, number>();

  constructor(articles: Article[], sourceUrls: string[]) {
    this.sourceUrls = sourceUrls.filter(isHttpUrl);
    this.sources = articles.map((a, i) => ({
      n: i + 1,
      outlet: a.outlet,
      title: a.title,
      description: '',
      ...(a.url ? { url: a.url } : {}),
      ...(a.domain ? { domain: a.domain } : {}),
    }));
    this.articleUrls = new Set(articles.map((a) => a.url).filter((u): u is string => u !== undefined));
    for (const s of this.sources) {
      if (!s.domain) continue;
      const k = (this.perDomain.get(s.domain) ?? 0) + 1;
      this.perDomain.set(s.domain, k);
      this.byKey.set(`${s.domain}#${k}`, s.n);
    }
  }

  /** Source number for `[domain#n]`, adding a source when the article list lacks it. */
  resolve(domainRaw: string, k: number): number {
    const domain = domainRaw.toLowerCase().replace(/^www\./, '');
    const key = `${domain}#${k}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    // The feed's article list is partial: the k-th article of a domain that has j listed articles is
    // the (k - j)-th of that domain's source URLs that no listed article already has.
    const unlisted = this.sourceUrls.filter((u) => {
      const h = hostOf(u);
      return h !== undefined && withinDomain(h, domain) && !this.articleUrls.has(u);
    });
    const url = unlisted[k - 1 - (this.perDomain.get(domain) ?? 0)];
    const n = this.sources.length + 1;
    this.sources.push({ n, outlet: domain, title: '', description: '', ...(url ? { url } : {}), domain });
    this.byKey.set(key, n);
    return n;
  }

  /** Replaces `[domain#N]` markers by source numbers; returns sentences with their citations. */
  sentences(text: string): CitedSentence[] {
    return splitSentences(text)
      .map((s) => this.cite(s))
      .filter((s) => s.text.length > 0);
  }

  cite(text: string): CitedSentence {
    const citations: number[] = [];
    const stripped = text.replace(KAGI_CITATION, (_m, d: string, k: string) => {
      citations.push(this.resolve(d, Number(k)));
      return '';
    });
    return { text: tidy(stripped), citations: unique(citations) };
  }
}

function section(heading: string, text: string, r: CitationResolver): SummarySection | null {
  const sentences = r.sentences(text);
  if (sentences.length === 0) return null;
  return {
    heading,
    text: sentences.map((s) => s.text).join(' '),
    citations: unique(sentences.flatMap((s) => s.citations)),
    sentences,
  };
}

/** Items of a list field, each kept whole as one or more sentences of one section. */
function listSection(heading: string, items: string[], r: CitationResolver): SummarySection | null {
  const sentences = items.flatMap((item) => r.sentences(item.trim()));
  if (sentences.length === 0) return null;
  return { heading, text: sentences.map((s) => s.text).join(' '), citations: unique(sentences.flatMap((s) => s.citations)), sentences };
}

/** "Display and toughness: Android Headlines says…" → heading and text. */
function splitTalkingPoint(tp: string): [string, string] {
  const m = /^([^:.!?]{2,80}):\s+(.+)$/su.exec(tp.trim());
  return m ? [(m[1] ?? '').trim(), (m[2] ?? '').trim()] : ['', tp.trim()];
}

function utcDay(iso: string): Date {
  const d = new Date(iso);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
}

export function fromKagi(k: KagiStory): Story {
  const articles: Article[] = (k.articles ?? []).map((a) => {
    const url = a.link && isHttpUrl(a.link) ? a.link : undefined;
    const domain = (a.domain ?? (url ? hostOf(url) : undefined))?.toLowerCase().replace(/^www\./, '');
    const published = toIso(a.date);
    return {
      outlet: a.publisher?.trim() || domain || 'Unknown outlet',
      title: tidy(a.title),
      ...(url ? { url } : {}),
      ...(domain ? { domain } : {}),
      ...(published ? { published } : {}),
    };
  });
  const r = new CitationResolver(articles, k.source_urls ?? []);
  const updated = toIso(k.published ?? undefined);
  // Relative dates are read against the calendar day of publication in UTC, whatever the machine's zone.
  const ref = updated ? utcDay(updated) : undefined;

  const summary: SummarySection[] = [];
  const main = k.summary ?? k.short_summary;
  const add = (s: SummarySection | null) => {
    if (s) summary.push(s);
  };
  if (main) add(section('Summary', main, r));
  for (const tp of k.talking_points ?? []) {
    const [heading, text] = splitTalkingPoint(tp);
    add(section(heading, text, r));
  }
  // The quote keeps its speaker in the text: what it says is that person's claim, not the story's.
  if (k.quote?.trim()) {
    const who = k.quote_author?.trim();
    const via = k.quote_attribution?.trim();
    const speaker = who ? `${who}${via ? ` (quoted by ${via})` : ''}: ` : '';
    add(section('Quote', `${speaker}“${k.quote.trim().replace(/^[“"]|[”"]$/g, '')}”`, r));
  }
  for (const [field, heading] of LIST_SECTIONS) {
    const items = k[field];
    if (Array.isArray(items)) add(listSection(heading, items.filter((x): x is string => typeof x === 'string'), r));
  }
  for (const [field, heading] of EXTRA_SECTIONS) {
    const value = k[field];
    if (typeof value === 'string' && value.trim()) add(section(heading, value, r));
  }
  // Answers state what the articles report (or that they do not say); the questions are not facts.
  add(listSection('Questions and answers', (k.suggested_qna ?? []).map((q) => q.answer ?? ''), r));

  const timeline: TimelineEntry[] = (k.timeline ?? []).map((e) => {
    const label = e.date === undefined || e.date === null ? '' : String(e.date).trim();
    const direction = FUTURE_MARKERS.test(label) || FUTURE_MARKERS.test(e.content) ? 'future' : 'past';
    const when = label ? resolveDatePhrase(label, ref, direction) : null;
    const { text, citations } = r.cite(e.content);
    return { date: when?.date ?? null, precision: when?.precision ?? null, text, citations, ...(label ? { label } : {}) };
  });

  const perspectives: Perspective[] = (k.perspectives ?? []).map((p) => ({
    text: r.cite(p.text).text,
    sources: (p.sources ?? []).map((s) => ({ name: s.name.trim(), ...(s.url && isHttpUrl(s.url) ? { url: s.url } : {}) })),
  }));

  const id = k.id !== undefined ? String(k.id).trim() : deriveStoryId(k.title, articles.map((a) => a.title));
  return {
    id: id || deriveStoryId(k.title, articles.map((a) => a.title)),
    title: tidy(k.title),
    ...(updated ? { updated } : {}),
    articleCount: articles.length,
    summary,
    sources: r.sources,
    timeline,
    articles,
    links: [],
    perspectives,
    format: 'kagi',
  };
}
