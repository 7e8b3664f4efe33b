/**
 * The canonical Story model. Field names are a public contract: feeds, exports and other tools rely
 * on them. New optional fields may be added; existing ones are never renamed.
 *
 * The schema is the single source of truth: the TypeScript types are inferred from it, and every
 * story that enters the library (built-in, imported, synced) is validated against it.
 */
import * as v from 'valibot';
import { PRECISIONS, type Precision } from '../text/precision';

/** Upper bounds that keep a hostile or broken file from exhausting memory or the UI. */
export const LIMITS = {
  shortText: 2_000, // titles, names, headings, dates
  longText: 50_000, // summary sections, descriptions
  url: 4_096,
  listItems: 5_000, // sources, articles, timeline entries, citations per item
  stories: 200_000, // stories in one file
} as const;

const shortText = v.pipe(v.string(), v.maxLength(LIMITS.shortText, 'is longer than 2,000 characters'));
const longText = v.pipe(v.string(), v.maxLength(LIMITS.longText, 'is longer than 50,000 characters'));
const nonEmptyShort = v.pipe(shortText, v.trim(), v.nonEmpty('must not be empty'));
const url = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url, 'is longer than 4,096 characters'),
  v.check((s) => isHttpUrl(s), 'must be an absolute http(s) URL'),
);
const list = <T extends v.GenericSchema>(item: T) =>
  v.pipe(v.array(item), v.maxLength(LIMITS.listItems, 'has more than 5,000 items'));
const citationNumber = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more'));
const citations = list(citationNumber);
const isoDateTime = v.pipe(
  v.string(),
  v.check((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time'),
);

export function isHttpUrl(s: string): boolean {
  // canParse: the URL parser's answer without building a URL object (a file holds hundreds of thousands).
  return /^https?:\/\//i.test(s) && URL.canParse(s);
}

export { PRECISIONS, type Precision };

export const SentenceSchema = v.strictObject({ text: longText, citations });

export const SummarySectionSchema = v.strictObject({
  heading: shortText,
  text: longText,
  citations,
  sentences: list(SentenceSchema),
});

export const SourceSchema = v.strictObject({
  n: citationNumber,
  outlet: shortText,
  title: shortText,
  description: longText,
  url: v.optional(url),
  domain: v.optional(shortText),
});

/**
 * A dated event. `date` is ISO at its precision (`2022`, `2022-03`, `2026-01-29`). Imported feeds may
 * carry dates that cannot be placed on a calendar ("Earlier this week"); those keep `date: null`,
 * `precision: null` and the words as written in `label`, and sort after the dated entries.
 */
export const TimelineEntrySchema = v.pipe(
  v.strictObject({
    date: v.nullable(shortText),
    precision: v.nullable(v.picklist(PRECISIONS, 'must be "year", "month" or "day"')),
    text: longText,
    citations,
    label: v.optional(shortText),
  }),
  v.check((e) => (e.date === null) === (e.precision === null), 'date and precision must both be set or both be null'),
  v.check((e) => e.date === null || e.precision === null || isIsoAtPrecision(e.date, e.precision), 'date must be ISO at its precision (YYYY, YYYY-MM or YYYY-MM-DD)'),
);

export const ArticleSchema = v.strictObject({
  outlet: shortText,
  title: shortText,
  url: v.optional(url),
  domain: v.optional(shortText),
  published: v.optional(isoDateTime),
});

export const LinkSchema = v.strictObject({ url, cited: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const PerspectiveSchema = v.strictObject({
  text: longText,
  sources: list(v.strictObject({ name: shortText, url: v.optional(url) })),
});

export const FORMATS = ['story-text', 'kagi', 'canonical'] as const;

export const StorySchema = v.pipe(
  v.object({
    id: v.pipe(nonEmptyShort, v.maxLength(200, 'is longer than 200 characters')),
    title: nonEmptyShort,
    updated: v.optional(isoDateTime),
    articleCount: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more')),
    summary: list(SummarySectionSchema),
    sources: list(SourceSchema),
    timeline: list(TimelineEntrySchema),
    articles: list(ArticleSchema),
    links: list(LinkSchema),
    perspectives: list(PerspectiveSchema),
    /** Where the story came from, for display and re-import; not part of its identity. */
    format: v.optional(v.picklist(FORMATS)),
  }),
  v.check((s) => new Set(s.sources.map((x) => x.n)).size === s.sources.length, 'sources must have unique numbers (n)'),
);

export type Sentence = v.InferOutput<typeof SentenceSchema>;
export type SummarySection = v.InferOutput<typeof SummarySectionSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type TimelineEntry = v.InferOutput<typeof TimelineEntrySchema>;
export type Article = v.InferOutput<typeof ArticleSchema>;
export type Link = v.InferOutput<typeof LinkSchema>;
export type Perspective = v.InferOutput<typeof PerspectiveSchema>;
export type Story = v.InferOutput<typeof StorySchema>;
export type StoryFormat = (typeof FORMATS)[number];

export function isIsoAtPrecision(date: string, precision: Precision): boolean {
  const re = precision === 'year' ? /^\d{4}$/ : precision === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
  return re.test(date);
}

/** Key order of the canonical JSON form, so that export → import → export is byte-identical. */
export function canonicalize(story: Story): Story {
  const out: Story = {
    id: story.id,
    title: story.title,
    ...(story.updated !== undefined ? { updated: story.updated } : {}),
    articleCount: story.articleCount,
    summary: story.summary.map((s) => ({
      heading: s.heading,
      text: s.text,
      citations: [...s.citations],
      sentences: s.sentences.map((x) => ({ text: x.text, citations: [...x.citations] })),
    })),
    sources: story.sources.map((s) => ({
      n: s.n,
      outlet: s.outlet,
      title: s.title,
      description: s.description,
      ...(s.url !== undefined ? { url: s.url } : {}),
      ...(s.domain !== undefined ? { domain: s.domain } : {}),
    })),
    timeline: story.timeline.map((e) => ({
      date: e.date,
      precision: e.precision,
      text: e.text,
      citations: [...e.citations],
      ...(e.label !== undefined ? { label: e.label } : {}),
    })),
    articles: story.articles.map((a) => ({
      outlet: a.outlet,
      title: a.title,
      ...(a.url !== undefined ? { url: a.url } : {}),
      ...(a.domain !== undefined ? { domain: a.domain } : {}),
      ...(a.published !== undefined ? { published: a.published } : {}),
    })),
    links: story.links.map((l) => ({ url: l.url, cited: l.cited })),
    perspectives: story.perspectives.map((p) => ({
      text: p.text,
      sources: p.sources.map((s) => ({ name: s.name, ...(s.url !== undefined ? { url: s.url } : {}) })),
    })),
    ...(story.format !== undefined ? { format: story.format } : {}),
  };
  return out;
}

/** What lists of stories show: enough to name one and open it. */
export interface StoryHeader {
  id: string;
  title: string;
  articleCount: number;
  updated: string | null;
}

export function storyHeader(s: Story): StoryHeader {
  return { id: s.id, title: s.title, articleCount: s.articleCount, updated: s.updated ?? null };
}
