/**
 * Rival ends: one party's end date for something against another party's span or end for the same
 * thing ("the pause ends on Feb 1" / "a one-week pause" said on Jan 29).
 */
import { sameParty } from './parties';
import { endQuestion } from './questions';
import type { Overlap } from './overlap';
import { asserts, DAY, dayOf, daysApart, type Found, type Said } from './said';
import { datesIn, refDate, type Statement } from './statements';

export const END = /\b(?:set\s+to\s+)?end(?:s|ing|ed)?\s+(?:on\s+)?((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b|\bexpir(?:es|ing|ed)\s+on\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b/i;
const SPAN_WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10 };
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };
const SPAN = /\b(a|one|two|three|four|five|six|seven|ten|\d{1,2})[\u2010-\u2015\s-](day|week|month)s?(?:[\u2010-\u2015-]long)?\b|\b(day|week|month)[\u2010-\u2015-]long\b|\buntil\s+((?:the\s+following\s+|next\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b/i;

/** Ends told of more than a month apart are about different spells, not rival accounts of one. */
const SAME_SPELL_DAYS = 30;

/** When a statement says something ends: its end date, or its start plus the span it gives. */
function endOf(s: Statement): { day: number; end: boolean; thing: string | null } | null {
  const ref = refDate(s.when);
  const end = END.exec(s.text);
  if (end) {
    const d = datesIn(end[1] ?? end[2] ?? '', ref)[0];
    if (!d) return null;
    const thing = /((?:the|a|an|its)\s+(?:[\p{L}\u2010-\u2015-]+\s+){0,2}?[\p{L}\u2010-\u2015-]+)\s+(?:as\s+[^,;]*?\s+)?(?:and\s+)?(?:is\s+)?(?:set\s+to\s+)?end/iu.exec(s.text)?.[1] ?? null;
    return { day: dayOf(d), end: true, thing };
  }
  const span = SPAN.exec(s.text);
  if (!span || !ref) return null;
  if (span[4]) {
    const d = datesIn(`until ${span[4]}`, ref)[0];
    return d ? { day: dayOf(d), end: false, thing: null } : null;
  }
  const n = SPAN_WORDS[(span[1] ?? 'a').toLowerCase()] ?? Number(span[1]);
  const days = n * (UNIT_DAYS[(span[2] ?? span[3] ?? 'day').toLowerCase()] ?? 1);
  return { day: dayOf(s.when) + days * DAY, end: false, thing: null };
}

/** 3. One party's end date against another party's span or end for the same thing. */
export function rivalEnds(all: Said[], overlap: Overlap): Found[] {
  const dated = all.map((x) => ({ x, e: endOf(x.s) })).filter((y): y is { x: Said; e: NonNullable<ReturnType<typeof endOf>> } => y.e !== null && asserts(y.x));
  const ends = dated.filter((y) => y.e.end);
  if (ends.length === 0) return [];
  const first = ends[0] as (typeof ends)[number];
  const endSide = ends.filter((y) => sameParty(y.x.party, first.x.party) && y.e.day === first.e.day);
  // Two days' slack: "until Sunday" and "ends Feb 1" may count the last day differently.
  const rivals = dated.filter(
    (y) =>
      !sameParty(y.x.party, first.x.party) &&
      Math.abs(y.e.day - first.e.day) > 1.5 * DAY &&
      daysApart(y.x.s, first.x.s) <= SAME_SPELL_DAYS &&
      (y.x.s.unit === first.x.s.unit || overlap.score(first.x, y.x) > 0 || endSide.some((z) => z.x.s.unit === y.x.s.unit)),
  );
  if (rivals.length === 0) return [];
  // One wording per length: "one-week" and "a week-long" say the same.
  const byLength = new Map<string, string>();
  for (const y of rivals) {
    const words = SPAN.exec(y.x.s.text)?.[0] ?? END.exec(y.x.s.text)?.[0] ?? '';
    const span = SPAN.exec(words);
    const key = span?.[4] ? words : `${SPAN_WORDS[(span?.[1] ?? 'a').toLowerCase()] ?? span?.[1]} ${span?.[2] ?? span?.[3] ?? words}`;
    if (words && !byLength.has(key)) byLength.set(key, words);
  }
  const spans = [...byLength.values()];
  const thing = endSide.map((y) => y.e.thing).find(Boolean) ?? 'it';
  const endMatch = END.exec(first.x.s.text);
  const endDate = endMatch?.[1] ?? endMatch?.[2] ?? '';
  return [
    {
      kind: 'end',
      question: endQuestion(thing),
      a: endSide.map((y) => y.x),
      b: rivals.map((y) => y.x),
      claimA: `${thing} ends on ${endDate}`,
      claimB: `${thing} lasts ${spans.slice(0, 3).join(', ')}`,
    },
  ];
}
