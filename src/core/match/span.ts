/** When a story happened, and how far a page's publication lies outside that span. */
import type { Story } from '../story/model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The span of the news event: its articles' dates, its day-precise timeline entries and its update
 * time. Month- and year-precise entries are background ("Mar 2022 – …") and count only when the
 * story has nothing more precise.
 */
export function storyDates(story: Story): [number, number] {
  const precise: number[] = [];
  const rough: number[] = [];
  for (const a of story.articles) if (a.published) precise.push(isoMs(a.published));
  for (const e of story.timeline) {
    if (!e.date) continue;
    if (e.precision === 'day') precise.push(isoMs(e.date));
    else {
      const start = Date.parse(e.precision === 'year' ? `${e.date}-01-01` : `${e.date}-01`);
      rough.push(start, start + (e.precision === 'year' ? 364 : 30) * DAY);
    }
  }
  if (story.updated) precise.push(isoMs(story.updated));
  const ok = (precise.some(Number.isFinite) ? precise : rough).filter(Number.isFinite);
  return ok.length ? [Math.min(...ok), Math.max(...ok)] : [Number.NaN, Number.NaN];
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const twoDigits = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ": the forms stories store dates in. */
const PLAIN_ISO = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\dZ)?$/;

/**
 * Date.parse, with the two forms stories use read straight from their digits (a library holds
 * hundreds of thousands of them). Anything else, or a day the calendar may not have, goes to Date.parse.
 */
export function isoMs(s: string): number {
  if (!PLAIN_ISO.test(s)) return Date.parse(s);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > 28) return Date.parse(s);
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + twoDigits(s, 2);
  if (s.length === 10) return Date.UTC(year, month - 1, day);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (hour > 23 || minute > 59 || second > 59) return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Hours the page's publication lies outside the story's span (0 inside it or when unknown). */
export function gapHoursOf(published: number, span: { from: number; to: number }): number {
  if (!Number.isFinite(published) || Number.isNaN(span.from)) return 0;
  if (published > span.to) return (published - span.to) / HOUR;
  if (published < span.from) return (span.from - published) / HOUR;
  return 0;
}
