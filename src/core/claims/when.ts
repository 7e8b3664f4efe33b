/**
 * When: the dates and years a claim or a passage names, as comparable parts (year, month, day,
 * weekday), so that "Christmas Eve 2025" meets "December 24th, 2025", "7 January 2026" meets
 * "Jan. 7, 2026", and "Boxing Day" conflicts with "Christmas Eve". A mention keeps only what it says:
 * "December 14" has no year and so agrees with a date in any year.
 */
import { resolveDatePhrase } from '../text/dates';

export interface DateMention {
  text: string;
  start: number;
  year?: number;
  month?: number;
  day?: number;
  /** 0 = Sunday. */
  weekday?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d{2})`;
const HOLIDAY = String.raw`(Christmas\s+Eve|Christmas\s+Day|Boxing\s+Day|New\s+Year['’]?s\s+(?:Eve|Day))`;
const WEEKDAY = String.raw`(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)`;

/** One pass over the text; alternatives most specific first. Linear: no nested quantifiers. */
const MENTION = new RegExp(
  [
    String.raw`\b(${MONTH})\s+${DAY}(?:,?\s+${YEAR})?\b`,
    String.raw`\b${DAY}\s+(${MONTH})(?:,?\s+${YEAR})?\b`,
    String.raw`\b${HOLIDAY}(?:,?\s+(?:in\s+)?${YEAR})?\b`,
    String.raw`\b(${MONTH})\s+${YEAR}\b`,
    String.raw`\b${WEEKDAY}\b`,
    String.raw`(?<![\d,.$£€])\b${YEAR}\b(?![\d,.]\d|\s*(?:%|percent|per\s*cent))`,
  ].join('|'),
  'giu',
);

const MAYBE_DATE = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat|christmas|boxing|new\s+year)/i;

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The dates a text names. `ref` places holidays (their month and day need no year). */
export function dateMentions(text: string, ref?: Date): DateMention[] {
  const out: DateMention[] = [];
  // Most sentences name no date: a cheap look for a digit or a calendar word spares the full scan.
  if (!MAYBE_DATE.test(text)) return out;
  for (const m of text.matchAll(MENTION)) {
    const start = m.index ?? 0;
    const [whole, mdMonth, mdDay, mdYear, dmDay, dmMonth, dmYear, holiday, hYear, myMonth, myYear, weekday, year] = m;
    const base = { text: whole, start };
    if (mdMonth && mdDay) out.push({ ...base, month: monthOf(mdMonth), day: Number(mdDay), ...(mdYear ? { year: Number(mdYear) } : {}) });
    else if (dmDay && dmMonth) out.push({ ...base, month: monthOf(dmMonth), day: Number(dmDay), ...(dmYear ? { year: Number(dmYear) } : {}) });
    else if (holiday) {
      const d = resolveDatePhrase(holiday.replace(/\s+/g, ' ').replace('’', "'"), ref ?? new Date(2000, 0, 1, 12));
      if (d?.precision === 'day') {
        const [, mo, da] = d.date.split('-').map(Number);
        out.push({ ...base, month: mo as number, day: da as number, ...(hYear ? { year: Number(hYear) } : {}) });
      }
    } else if (myMonth && myYear) out.push({ ...base, month: monthOf(myMonth), year: Number(myYear) });
    else if (weekday) out.push({ ...base, weekday: WEEKDAYS.indexOf(weekday.toLowerCase()) });
    else if (year) out.push({ ...base, year: Number(year) });
  }
  return out.filter((d) => d.month === undefined || d.month > 0);
}

/** The parts two mentions both state. */
function shared(a: DateMention, b: DateMention): ('year' | 'month' | 'day' | 'weekday')[] {
  return (['year', 'month', 'day', 'weekday'] as const).filter((k) => a[k] !== undefined && b[k] !== undefined);
}

/** Do two mentions name the same time as far as both say? (Nothing in common: no.) */
export function sameDate(a: DateMention, b: DateMention): boolean {
  const parts = shared(a, b);
  return parts.length > 0 && parts.every((k) => a[k] === b[k]);
}

/** Do two mentions name different times in a part both state (the day of one month, a year)? */
export function datesConflict(a: DateMention, b: DateMention): boolean {
  const parts = shared(a, b);
  if (parts.length === 0) return false;
  // A bare year against a full date of another year is a conflict; a weekday says nothing about a date.
  return parts.some((k) => a[k] !== b[k]);
}

/** A timeline entry's own date ("2025-12-24") as a mention. */
export function mentionOfIso(iso: string): DateMention {
  const [y, m, d] = iso.split('-').map(Number);
  return { text: iso, start: -1, year: y as number, ...(m ? { month: m } : {}), ...(d ? { day: d } : {}) };
}
