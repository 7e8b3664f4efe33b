/**
 * Importer for the "story text" format (the reference story's): a title, `Updated (N articles)`,
 * summary paragraphs that open with a section heading, `Sources`, `Timeline`,
 * `All related articles (N articles)` and `External resources (N links)`.
 *
 * The parser is line-based so that every error names its line. It refuses a file that stops before
 * a section its header promises (a truncated download), rather than import half a story.
 */
import { ImportError } from './errors';
import { deriveStoryId } from './ids';
import * as v from 'valibot';
import { canonicalize, StorySchema, type Article, type Link, type Source, type Story, type SummarySection, type TimelineEntry } from './model';
import { citedSentences, extractNumericCitations, tidy, unique } from '../text/sentences';
import { parseAbsoluteDate } from '../text/dates';

/** The line each parsed item came from, so a schema error can name it. */
const lineOf = new WeakMap<object, number>();
const from = <T extends object>(item: T, line: number): T => {
  lineOf.set(item, line);
  return item;
};

interface Line {
  no: number; // 1-based
  text: string; // trimmed, white space normalised
}

const DASH = '[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]';
const SEPARATOR_LINE = new RegExp(`^${DASH}$`);
const BULLET = new RegExp(`^${DASH}\\s+`);
const HEADERS = {
  sources: /^sources:?$/i,
  timeline: /^timeline:?$/i,
  related: /^all related articles\s*\(\s*(\d+)\s+articles?\s*\):?$/i,
  external: /^external resources\s*\(\s*(\d+)\s+links?\s*\):?$/i,
} as const;
type Section = keyof typeof HEADERS;
const ORDER: readonly Section[] = ['sources', 'timeline', 'related', 'external'];
const TITLES: Record<Section, string> = {
  sources: 'Sources',
  timeline: 'Timeline',
  related: 'All related articles (N articles)',
  external: 'External resources (N links)',
};

/** Cheap test used by format detection: does this text look like a story text document? */
export function looksLikeStoryText(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/, 40).map((l) => l.trim()).filter(Boolean);
  return lines.length >= 2 && /^updated\b.*\(\s*\d+\s+articles?\s*\)\s*$/i.test(lines[1] ?? '');
}

function toLines(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, text: raw.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, ' ').replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text.length > 0);
}

export function parseStoryText(text: string, file: string): Story {
  const lines = toLines(text);
  const fail = (line: number | undefined, problem: string): never => {
    throw new ImportError({ file, line: line ?? 1 }, problem);
  };
  const lastLine = lines.at(-1)?.no ?? 1;

  const titleLine = lines[0];
  if (!titleLine) return fail(1, 'the file is empty; expected a story title on the first line');
  if (matchHeader(titleLine.text)) fail(titleLine.no, 'expected the story title, found a section header');
  const updatedLine = lines[1];
  if (!updatedLine) return fail(lastLine, 'the file ends after the title; expected "Updated (N articles)" on the next line');
  const updatedMatch = /^updated\b\s*(.*?)\s*\(\s*(\d+)\s+articles?\s*\)$/i.exec(updatedLine.text);
  if (!updatedMatch) return fail(updatedLine.no, `expected "Updated (N articles)" after the title, found "${clip(updatedLine.text)}"`);
  const articleCount = Number(updatedMatch[2]);
  const updatedWhen = updatedMatch[1] ? parseAbsoluteDate(updatedMatch[1]) : null;

  // Locate the section headers; each at most once and in the documented order.
  const at: Partial<Record<Section, number>> = {};
  const declared: Partial<Record<Section, number>> = {};
  let lastOrder = -1;
  for (let i = 2; i < lines.length; i++) {
    const l = lines[i] as Line;
    const h = matchHeader(l.text);
    if (!h) continue;
    const [section, count] = h;
    if (at[section] !== undefined) fail(l.no, `the "${TITLES[section]}" section appears twice`);
    const order = ORDER.indexOf(section);
    if (order < lastOrder) fail(l.no, `the "${TITLES[section]}" section must come before "${TITLES[ORDER[lastOrder] as Section]}"`);
    lastOrder = order;
    at[section] = i;
    if (count !== undefined) declared[section] = count;
  }
  if (at.sources === undefined) {
    return fail(lastLine, `no "Sources" section: the file ends at line ${lastLine} after the summary (truncated?)`);
  }
  if (articleCount > 0 && at.related === undefined) {
    fail(lastLine, `the header promises ${articleCount} articles but the file ends at line ${lastLine} before "All related articles" (truncated?)`);
  }
  const end = (section: Section): number => {
    const after = ORDER.slice(ORDER.indexOf(section) + 1).map((s) => at[s]).filter((x): x is number => x !== undefined);
    return after.length ? Math.min(...after) : lines.length;
  };
  const body = (section: Section): Line[] => {
    const start = at[section];
    return start === undefined ? [] : lines.slice(start + 1, end(section));
  };

  const summaryLines = lines.slice(2, at.sources);
  if (summaryLines.length === 0) fail(lines[at.sources]?.no, 'expected at least one summary paragraph before "Sources"');
  const summary = summaryLines.map((l) => from(parseSummaryParagraph(l), l.no));

  const articles = parseRelated(body('related'), fail);
  if (declared.related !== undefined && declared.related !== articles.length) {
    fail(lines[at.related ?? 0]?.no, `"All related articles" declares ${declared.related} articles but lists ${articles.length}`);
  }
  const sources = parseSources(body('sources'), articles, fail, lines[at.sources]?.no ?? 1);
  const timeline = parseTimeline(body('timeline'), fail);
  const links = parseLinks(body('external'), fail);
  if (declared.external !== undefined && declared.external !== links.length) {
    fail(lines[at.external ?? 0]?.no, `"External resources" declares ${declared.external} links but lists ${links.length}`);
  }

  const story: Story = {
    id: deriveStoryId(titleLine.text, articles.map((a) => a.title)),
    title: titleLine.text,
    ...(updatedWhen ? { updated: updatedWhen.date } : {}),
    articleCount,
    summary,
    sources,
    timeline,
    articles,
    links,
    perspectives: [],
    format: 'story-text',
  };
  const checked = v.safeParse(StorySchema, story);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = (issue?.path ?? []).map((p) => p.key as string | number);
    const item = path.length >= 2 ? (story[path[0] as keyof Story] as unknown[] | undefined)?.[path[1] as number] : undefined;
    const line = (item && typeof item === 'object' ? lineOf.get(item) : undefined) ?? (path[0] === 'title' ? titleLine.no : updatedLine.no);
    const field = path.filter((p) => typeof p === 'string').join('.');
    fail(line, `${field ? `${field} ` : ''}${issue?.message ?? 'is invalid'}`);
  }
  return canonicalize(story);
}

function matchHeader(text: string): [Section, number | undefined] | null {
  for (const section of ORDER) {
    const m = HEADERS[section].exec(text);
    if (m) return [section, m[1] !== undefined ? Number(m[1]) : undefined];
  }
  return null;
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * A summary paragraph opens with its section heading, with no punctuation between heading and first
 * sentence ("Humanitarian fallout amid extreme cold Temperatures plunged…"). An explicit delimiter
 * (colon, spaced dash) wins; otherwise the heading ends before the first capitalised word after the
 * second, since headings are in sentence case.
 */
export function splitHeading(paragraph: string): { heading: string; text: string } {
  const delimited = /^([^.:!?\u2013\u2014]{3,120}?)(?::|\s[\u2013\u2014-]\s)\s*(.+)$/u.exec(paragraph);
  if (delimited && (delimited[1] ?? '').split(' ').length <= 8) {
    return { heading: (delimited[1] ?? '').trim(), text: (delimited[2] ?? '').trim() };
  }
  const words = paragraph.split(' ');
  for (let i = 2; i < Math.min(words.length, 16); i++) {
    const w = words[i] ?? '';
    const prev = words[i - 1] ?? '';
    if (/^["“‘(]?\p{Lu}/u.test(w) && !/[.!?:;,]$/.test(prev)) {
      return { heading: words.slice(0, i).join(' '), text: words.slice(i).join(' ') };
    }
  }
  return { heading: '', text: paragraph };
}

function parseSummaryParagraph(line: Line): SummarySection {
  const { heading, text } = splitHeading(line.text);
  const sentences = citedSentences(text);
  return {
    heading,
    text: sentences.map((s) => s.text).join(' '),
    citations: unique(sentences.flatMap((s) => s.citations)),
    sentences,
  };
}

type Fail = (line: number | undefined, problem: string) => never;

/** `Outlet: Title` → [outlet, rest]; the outlet is short and has no sentence punctuation. */
function splitOutlet(text: string): [string, string] | null {
  const m = /^([^:]{1,80}?):\s+(.+)$/.exec(text);
  return m ? [(m[1] ?? '').trim(), (m[2] ?? '').trim()] : null;
}

function parseRelated(lines: Line[], fail: Fail): Article[] {
  const out: Article[] = [];
  for (const l of lines) {
    if (SEPARATOR_LINE.test(l.text)) continue;
    const item = l.text.replace(BULLET, '');
    const parts = splitOutlet(item);
    if (!parts) fail(l.no, `expected a related article as "Outlet: Title", found "${clip(item)}"`);
    const [outlet, title] = parts as [string, string];
    out.push(from({ outlet, title: tidy(title) }, l.no));
  }
  return out;
}

function parseSources(lines: Line[], articles: Article[], fail: Fail, headerLine: number): Source[] {
  const out: Source[] = [];
  let pending: { n: number; no: number } | null = null;
  const add = (n: number, no: number, text: string) => {
    if (out.some((s) => s.n === n)) fail(no, `source number ${n} appears twice`);
    const parts = splitOutlet(text);
    if (!parts) fail(no, `expected a source as "Outlet: Title: description", found "${clip(text)}"`);
    const [outlet, rest] = parts as [string, string];
    const { title, description } = splitTitle(outlet, rest, articles);
    out.push(from({ n, outlet, title, description }, no));
  };
  for (const l of lines) {
    if (SEPARATOR_LINE.test(l.text)) continue;
    const text = l.text.replace(BULLET, '');
    const numbered = /^(\d{1,4})\.(?:\s+(.*))?$/.exec(text);
    if (numbered) {
      if (pending) fail(pending.no, `source ${pending.n} has no text`);
      const n = Number(numbered[1]);
      if (n < 1) fail(l.no, 'source numbers start at 1');
      if (numbered[2]) add(n, l.no, numbered[2]);
      else pending = { n, no: l.no };
      continue;
    }
    if (!pending) fail(l.no, `expected a numbered source ("1." then "Outlet: Title: description"), found "${clip(text)}"`);
    const p = pending as { n: number; no: number };
    add(p.n, l.no, text);
    pending = null;
  }
  if (pending) fail(pending.no, `source ${pending.n} has no text (truncated?)`);
  if (out.length === 0) fail(headerLine, 'the "Sources" section lists no sources');
  return out;
}

/**
 * A source line is `Outlet: Title: description`, and titles may contain colons themselves. When the
 * related-articles list has an article by the same outlet whose title starts the text, that title is
 * the source's; otherwise the first colon ends the title.
 */
function splitTitle(outlet: string, rest: string, articles: Article[]): { title: string; description: string } {
  const fold = (s: string) => s.toLowerCase().replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ');
  const restFolded = fold(rest);
  const known = articles
    .filter((a) => fold(a.outlet) === fold(outlet) && restFolded.startsWith(fold(a.title)))
    .sort((a, b) => b.title.length - a.title.length)[0];
  if (known) {
    return { title: rest.slice(0, known.title.length).trim(), description: tidy(rest.slice(known.title.length).replace(/^\s*:\s*/, '')) };
  }
  const m = /^(.+?):\s+(.*)$/.exec(rest);
  if (m) return { title: (m[1] ?? '').trim(), description: tidy(m[2] ?? '') };
  return { title: tidy(rest), description: '' };
}

const TIMELINE_LINE = new RegExp(`^(.{3,40}?)\\s+${DASH}\\s+(.+)$`, 'u');

function parseTimeline(lines: Line[], fail: Fail): TimelineEntry[] {
  return lines.map((l) => {
    const m = TIMELINE_LINE.exec(l.text);
    const when = m ? parseAbsoluteDate(m[1] ?? '') : null;
    if (!m || !when) {
      return fail(l.no, `expected a timeline entry as "Mon D, YYYY – text" or "Mon YYYY – text", found "${clip(l.text)}"`);
    }
    const { text, citations } = extractNumericCitations(m[2] ?? '');
    return from({ date: when.date, precision: when.precision, text, citations }, l.no);
  });
}

function parseLinks(lines: Line[], fail: Fail): Link[] {
  const out: Link[] = [];
  for (const l of lines) {
    if (SEPARATOR_LINE.test(l.text)) continue;
    const item = l.text.replace(BULLET, '');
    const m = /^(https?:\/\/\S+)(?:\s*\(\s*cited\s+(\d+)\s+times?\s*\))?$/i.exec(item);
    if (!m) fail(l.no, `expected an external resource as "- https://… (cited N times)", found "${clip(item)}"`);
    const url = (m as RegExpExecArray)[1] ?? '';
    try {
      new URL(url);
    } catch {
      fail(l.no, `"${clip(url)}" is not a valid URL`);
    }
    out.push(from({ url, cited: Number((m as RegExpExecArray)[2] ?? 0) }, l.no));
  }
  return out;
}
