/**
 * Dates as stories write them ("Jan 29, 2026", "Mar 2022", "Dec. 19", "Friday", "Christmas Day"),
 * turned into ISO dates at their precision. Calendar arithmetic is date-fns's; this module only knows
 * the shapes of dates in news copy.
 */
import { addYears, differenceInCalendarDays, format, isValid, nextDay, parse, previousDay, type Day } from 'date-fns';
import type { Precision } from './precision';

export interface DatedAt {
  date: string;
  precision: Precision;
}

/** Absolute forms, most specific first. `do` handles "24th". */
export const ABSOLUTE_FORMATS: readonly [string, Precision][] = [
  ['MMM d, yyyy', 'day'],
  ['MMMM d, yyyy', 'day'],
  ['MMM. d, yyyy', 'day'],
  ['MMMM do, yyyy', 'day'],
  ['MMM do, yyyy', 'day'],
  ['d MMMM yyyy', 'day'],
  ['d MMM yyyy', 'day'],
  ['yyyy-MM-dd', 'day'],
  ['MMM yyyy', 'month'],
  ['MMMM yyyy', 'month'],
  ['MMM. yyyy', 'month'],
  ['yyyy-MM', 'month'],
  ['yyyy', 'year'],
];

/** Forms without a year: the year is taken from the story's reference date. */
export const YEARLESS_FORMATS: readonly [string, Precision][] = [
  ['MMM d', 'day'],
  ['MMMM d', 'day'],
  ['MMM. d', 'day'],
  ['MMMM do', 'day'],
  ['MMM do', 'day'],
  ['d MMMM', 'day'],
  ['MMMM', 'month'],
  ['MMM', 'month'],
];

const HOLIDAYS: Record<string, [month: number, day: number]> = {
  'christmas eve': [12, 24],
  'christmas day': [12, 25],
  christmas: [12, 25],
  'boxing day': [12, 26],
  "new year's eve": [12, 31],
  "new year's day": [1, 1],
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const REF = new Date(2000, 0, 1);

/**
 * The shape a string must have for date-fns to parse it with a format: each field as the widest
 * text date-fns's en-US parser could take for it (a month name 1 to 9 letters, since `MMM` falls
 * back to one letter; a day or month 1 or 2 digits; `do` any digits with an ordinal suffix; `yyyy`
 * 1 to 4 digits), each other character as itself, and nothing after but spaces. Every string
 * date-fns parses has the shape, so testing the shape first changes no result; it spares the parse
 * (which tokenises its format on every call: tens of microseconds) for all the strings that
 * cannot match, which is most of them, as each phrase is tried against every format in turn.
 */
export function formatShape(format: string): RegExp {
  const FIELDS: Record<string, string> = { MMM: '[a-z]{1,9}', MMMM: '[a-z]{1,9}', MM: String.raw`\d{1,2}`, dd: String.raw`\d{1,2}`, d: String.raw`\d{1,2}`, do: String.raw`\d+(?:th|st|nd|rd)?`, yyyy: String.raw`\d{1,4}` };
  const body = (format.match(/do|([a-zA-Z])\1*|./g) ?? []).map((t) => {
    const field = FIELDS[t];
    if (field) return field;
    if (/[a-zA-Z]/.test(t)) throw new Error(`dates: no shape for the format field ${t}`);
    return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${body.join('')}\\s*$`, 'i');
}

/** Each format with its shape, compiled once. */
const compiled = (formats: readonly [string, Precision][]) => formats.map(([format, precision]) => ({ format, precision, shape: formatShape(format) }));
const ABSOLUTE = compiled(ABSOLUTE_FORMATS);
const YEARLESS = compiled(YEARLESS_FORMATS);

/**
 * Results by phrase. News copy repeats its dates, and a story of date phrases repeats them
 * thousands of times; the map is emptied when full, so it stays bounded whatever the text.
 */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => T): T {
    if (this.map.has(key)) return this.map.get(key) as T;
    const value = make();
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
/** A story names a few hundred distinct dates; a larger memo would only hold a flood's. */
const MEMO_SIZE = 4096;
const absoluteMemo = new Memo<DatedAt | null>(MEMO_SIZE);
const phraseMemo = new Memo<DatedAt | null>(MEMO_SIZE);
const copy = (d: DatedAt | null): DatedAt | null => (d ? { ...d } : null);

function normalise(s: string): string {
  return s
    .replace(/\bSept\b/gi, 'Sep')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function stamp(d: Date, precision: Precision): DatedAt {
  const f = precision === 'year' ? 'yyyy' : precision === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd';
  return { date: format(d, f), precision };
}

/** "Jan 29, 2026" → 2026-01-29/day; "Mar 2022" → 2022-03/month; anything else → null. */
export function parseAbsoluteDate(input: string): DatedAt | null {
  const s = normalise(input);
  return copy(absoluteMemo.get(s, () => parseNormalised(s)));
}

function parseNormalised(s: string): DatedAt | null {
  for (const { format, precision, shape } of ABSOLUTE) {
    if (!shape.test(s)) continue;
    const d = parse(s, format, REF);
    if (isValid(d) && d.getFullYear() >= 1000) return stamp(d, precision);
  }
  return null;
}

/** Which way a date phrase without a year points from the reference date. */
export type Direction = 'past' | 'future';

/** Words that mark a timeline entry as something still to come ("plans", "expected"). */
export const FUTURE_MARKERS = /\b(expected|expects|plans|will|upcoming|next|set to|due to)\b/i;

/** Places a yearless date in the year that puts it on the given side of the reference date. */
function placeYear(d: Date, ref: Date, direction: Direction): Date {
  const candidates = [addYears(d, -1), d, addYears(d, 1)];
  const ok = candidates.filter((c) => (direction === 'past' ? differenceInCalendarDays(c, ref) <= 0 : differenceInCalendarDays(c, ref) >= 0));
  const byDistance = (a: Date, b: Date) => Math.abs(differenceInCalendarDays(a, ref)) - Math.abs(differenceInCalendarDays(b, ref));
  return ok.sort(byDistance)[0] ?? d;
}

/**
 * Resolves the date phrases found in feed timelines against the story's reference date (its
 * publication date): absolute dates, yearless dates ("Dec. 19"), holidays ("Boxing Day"), weekdays
 * ("Friday night": the last such day on or before the reference, or the next one after it when the
 * direction is 'future'), and month ranges
 * ("October and November", "April–June quarter": the first month). Returns null when the phrase
 * cannot be placed on a calendar ("Earlier this week").
 */
export function resolveDatePhrase(input: string, ref: Date | undefined, direction: Direction = 'past'): DatedAt | null {
  return copy(phraseMemo.get(`${direction}\u0000${ref?.getTime() ?? ''}\u0000${input}`, () => resolve(input, ref, direction)));
}

function resolve(input: string, ref: Date | undefined, direction: Direction): DatedAt | null {
  const abs = parseAbsoluteDate(input);
  if (abs) return abs;
  const s = normalise(input)
    .replace(/\s*\((expected|approx\.?|est\.?)\)$/i, '')
    .replace(/^(week of|early|late|mid|around|by|on|in)\s+/i, '');
  const again = parseAbsoluteDate(s);
  if (again) return again;
  if (!ref || !isValid(ref)) return null;
  const refYear = new Date(ref.getFullYear(), 0, 1);
  const lower = s.toLowerCase();

  const holidayKey = Object.keys(HOLIDAYS).find((k) => lower === k || lower.startsWith(`${k} `));
  if (holidayKey) {
    const [m, d] = HOLIDAYS[holidayKey] ?? [1, 1];
    const year = /\b(\d{4})\b/.exec(lower.slice(holidayKey.length))?.[1];
    if (year) return stamp(new Date(Number(year), m - 1, d), 'day');
    return stamp(placeYear(new Date(ref.getFullYear(), m - 1, d), ref, direction), 'day');
  }

  const weekday = WEEKDAYS.findIndex((w) => lower === w || lower.startsWith(`${w} `));
  if (weekday >= 0) {
    const day = weekday as Day;
    if (ref.getDay() === day) return stamp(ref, 'day');
    return stamp(direction === 'past' ? previousDay(ref, day) : nextDay(ref, day), 'day');
  }

  // "October and November", "April-June quarter": the first month named.
  const firstWord = /^([A-Za-z]+)\b/.exec(s)?.[1];
  const candidates = [s, firstWord ?? ''];
  for (const c of candidates) {
    for (const { format, precision, shape } of YEARLESS) {
      if (!shape.test(c)) continue;
      const d = parse(c, format, refYear);
      if (isValid(d)) return stamp(placeYear(d, ref, direction), precision);
    }
  }
  return null;
}
