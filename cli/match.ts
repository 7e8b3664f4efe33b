/** `storylens match`: one JSON line per page, naming its story (or null) as the extension would. */
import * as v from 'valibot';
import { Matcher } from '../src/core/match/matcher';
import { ImportError } from '../src/core/story/errors';

export const PageLineSchema = v.looseObject({
  id: v.union([v.string(), v.number()]),
  url: v.pipe(v.string(), v.maxLength(4096)),
  title: v.pipe(v.string(), v.maxLength(2000)),
  siteName: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
  published: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100)))),
  description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4000)))),
  lead: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(20000)))),
});

/** Parses JSONL page lines; a bad line is an ImportError naming the line and field. */
export function parsePages(text: string, file: string): v.InferOutput<typeof PageLineSchema>[] {
  const out: v.InferOutput<typeof PageLineSchema>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new ImportError({ file, line: i + 1 }, `not a JSON object: ${e instanceof Error ? e.message.replace(/ in JSON at position.*$/, '') : String(e)}`);
    }
    const parsed = v.safeParse(PageLineSchema, raw);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
      const problem = issue?.received === 'undefined' ? 'is missing' : `expected ${issue?.expected ?? 'a valid value'}, found ${issue?.received ?? 'something else'}`;
      throw new ImportError({ file, line: i + 1 }, `${field ? `field "${field}" ` : ''}${problem}; a page line is {id, url, title, siteName?, published?, description?, lead?}`);
    }
    out.push(parsed.output);
  });
  return out;
}

export function matchLines(matcher: Matcher, pages: ReturnType<typeof parsePages>): string[] {
  return pages.map((p) => {
    const r = matcher.match({
      url: p.url,
      title: p.title,
      ...(p.siteName ? { siteName: p.siteName } : {}),
      ...(p.published ? { published: p.published } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.lead ? { lead: p.lead } : {}),
    });
    return JSON.stringify({ id: p.id, story: r.storyId, title: r.title, score: r.score, confidence: r.confidence, source: r.source });
  });
}
