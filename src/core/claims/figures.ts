/**
 * Figures in news copy: a number, what it counts, and how it is qualified. "roughly 70 missiles",
 * "a record 32 ballistic missiles", "‑20 °C", "−28 C", "over 1,200 high‑rise buildings", "at least ten
 * people", "tens of thousands", "sixteen thousand new species", "more than a dozen times", "$995",
 * "a 200MP periscope", "a 30-day warning", "8.8%", "nearly two-thirds". Two figures can only conflict
 * when they count the same thing; "32 ballistic missiles" is a part of "70 missiles", not a rival.
 *
 * Years and dates are not figures (see when.ts). Time spans are counted in days, so "a 12-month
 * wait" and "a one-year wait" are the same figure.
 */
import { stem } from '../text/tokens';
import { isCommonWord } from './lexicon';

export type Bound = 'exact' | 'about' | 'at-least' | 'at-most' | 'more-than' | 'less-than' | 'vague';

export interface Figure {
  /** The figure as written ("roughly 70"). */
  text: string;
  /** The figure with what it counts, as written ("roughly 70 missiles"). */
  phrase: string;
  /** Offset of the figure in its text. */
  start: number;
  value: number;
  /** What is counted, stemmed and singular ("missile", "°c", "%", "$", "day"). */
  unit: string;
  /** Words between number and noun that narrow what is counted ("ballistic", "high-rise"). */
  qualifiers: string[];
  bound: Bound;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6 };
/** Vague counts: an order of magnitude, not a number. */
const VAGUE: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9 };
/** Shares of a whole written in words, as percentages. */
const FRACTIONS: Record<string, number> = { half: 50, third: 33.3, 'one-third': 33.3, 'two-thirds': 66.7, quarter: 25, 'one-quarter': 25, 'three-quarters': 75, 'one-half': 50 };

const BOUNDS: [RegExp, Bound][] = [
  [/\b(?:about|around|roughly|approximately|some|nearly|almost|close to|an estimated|estimated|just under|just over|near)\s+$/i, 'about'],
  [/\b(?:at least|no fewer than|a minimum of|no less than)\s+$/i, 'at-least'],
  [/\b(?:up to|at most|no more than|a maximum of)\s+$/i, 'at-most'],
  [/\b(?:over|more than|above|upwards of|exceeding|in excess of)\s+$/i, 'more-than'],
  [/\b(?:under|less than|fewer than|below)\s+$/i, 'less-than'],
];

/** Words that may stand between number and noun without changing what is counted. */
const FILLER = new Set(['a', 'an', 'the', 'record', 'total', 'further', 'additional', 'more', 'new', 'other', 'extra', 'of']);
/** Words that end a figure's noun phrase. */
const STOPPERS = new Set(['and', 'or', 'to', 'in', 'on', 'at', 'for', 'from', 'with', 'per', 'by', 'than', 'as', 'that', 'who', 'which', 'was', 'were', 'is', 'are', 'had', 'have', 'has', 'will', 'would', 'each', 'a', 'an', 'the', 'while', 'since', 'after', 'before', 'across', 'into', 'over', 'under', 'between', 'during', 'away', 'ago', 'earlier', 'later']);
const TIME_DAYS: Record<string, number> = { day: 1, week: 7, month: 365.25 / 12, year: 365.25, decade: 3652.5 };

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORDNUM = [...Object.keys(UNITS), ...Object.keys(SCALES), 'dozen', 'a', 'an', 'and'].join('|');
/**
 * One alternative per shape; the scan is linear (every quantifier is bounded or over disjoint
 * character classes).
 */
const CLOCK_HOURS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const FIGURE = new RegExp(
  [
    // "12:30 p.m.", "3pm", "9 o'clock", "half past noon", "a quarter to six", "midnight"
    String.raw`(?<clock>\b(?:\d{1,2}:\d{2}(?:\s?[ap]\.?\s?m\b\.?)?|\d{1,2}(?:\.\d{2})?\s?[ap]\.?\s?m\b\.?|\d{1,2}\s+o['’]clock\b|(?:half|(?:a\s+)?quarter)\s+(?:past|to)\s+(?:noon|midnight|\d{1,2}|${CLOCK_HOURS})\b(?:\s?[ap]\.?\s?m\b\.?)?|noon\b|midday\b|midnight\b))`,
    // "$995", "$1.2 billion", "€40m", "-20 °C", "8.8%", "50MP", "30-day", "5 million"
    String.raw`(?<money>[$£€¥])\s?(?<mnum>${NUM})(?:\s?(?<mscale>hundred|thousand|million|billion|trillion|bn|mn|m|k)\b)?`,
    String.raw`(?<sign>[-\u2010-\u2015\u2212])?(?<num>${NUM})(?:(?<pct>\s?%|\s?percent\b|\s?per\s?cent\b)|(?<deg>\s?°\s?[CF]\b|\s[CF]\b(?![\p{L}.]))|(?<glued>[A-Za-z]{1,3}\b)|[\u2010-\u2015-](?<hyph>[a-z]+(?:[\u2010-\u2015-][a-z]+){0,2})\b|\s+(?<scale>hundred|thousand|million|billion|trillion)\b)?`,
    // "wait a year", "a one-year wait", "a month-long strike": one unit of time, a span like "12 months"
    String.raw`\b(?<span>(?:an?|one)(?=[\u2010-\u2015-](?:day|week|month|year|decade)\b)|an?(?=\s+(?:day|week|month|year|decade)\b))[\s\u2010-\u2015-]+(?<spanunit>day|week|month|year|decade)\b`,
    // "two-thirds", "half"
    String.raw`\b(?<frac>one[\u2010-\u2015-]third|two[\u2010-\u2015-]thirds|one[\u2010-\u2015-]quarter|three[\u2010-\u2015-]quarters|one[\u2010-\u2015-]half|half|a\s+third|a\s+quarter)\b`,
    // "sixteen thousand", "a dozen", "tens of thousands", "hundreds"
    String.raw`\b(?<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions|billions)\b`,
    String.raw`\b(?<words>(?:(?:${WORDNUM})[\s\u2010-\u2015-]+){0,5}(?:${Object.keys(UNITS).join('|')}|dozen|hundred|thousand|million|billion))\b`,
  ].join('|'),
  'giu',
);

const MAYBE_FIGURE = new RegExp(String.raw`\d|\b(?:noon|midday|midnight)\b|\ban?\s+(?:day|week|month|year|decade)\b|\bone[\u2010-\u2015-](?:day|week|month|year|decade)\b|\b(?:${[...Object.keys(UNITS), ...Object.keys(SCALES), 'dozen', 'dozens', 'scores', 'hundreds', 'thousands', 'millions', 'billions', 'half', 'third', 'thirds', 'quarter', 'quarters'].join('|')})\b`, 'i');

/** A count earlier in the same phrase: what follows it per unit of time is a rate. */
const COUNT_BEFORE = new RegExp(String.raw`(?:\d|\b(?:${[...Object.keys(UNITS), ...Object.keys(SCALES), 'dozen', 'dozens', 'hundreds', 'thousands', 'millions'].join('|')})\b)[^.;,:\d]*$`, 'i');

/** Value of number words ("sixteen thousand" → 16000, "a dozen" → 12, "two hundred and five" → 205). */
function wordsValue(phrase: string): number | null {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of phrase.toLowerCase().split(/[\s\u2010-\u2015-]+/)) {
    if (w === 'and' || w === '') continue;
    if (w === 'a' || w === 'an') {
      current = Math.max(current, 1);
      continue;
    }
    if (w === 'dozen') {
      current = (current || 1) * 12;
      seen = true;
    } else if (UNITS[w] !== undefined) {
      current += UNITS[w] as number;
      seen = true;
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      seen = true;
    } else if (SCALES[w] !== undefined) {
      total += (current || 1) * (SCALES[w] as number);
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

/** The noun phrase after a figure: qualifiers, the counted noun, and where the phrase ends. */
function nounAfter(text: string, from: number): { unit: string; qualifiers: string[]; end: number } | null {
  const tail = text.slice(from, from + 80);
  const content: string[] = [];
  let end = from;
  let seen = 0;
  for (const m of tail.matchAll(/[\p{L}][\p{L}\u2010-\u2015'-]*|[^\s\p{L}]/gu)) {
    const raw = m[0];
    if (++seen > 6 || !/^\p{L}/u.test(raw)) break;
    const w = raw.toLowerCase().replace(/[\u2010-\u2015]/g, '-').replace(/'s$/, '');
    if (content.length === 0 && FILLER.has(w)) continue;
    if (STOPPERS.has(w)) break;
    content.push(w);
    end = from + (m.index ?? 0) + raw.length;
    if (/s$/.test(w) || content.length === 3) break; // a plural noun ends the phrase
  }
  if (content.length === 0) return null;
  return { unit: stem(content[content.length - 1] as string), qualifiers: content.slice(0, -1).map(stem).sort(), end };
}

function boundBefore(text: string, at: number): Bound | null {
  const before = text.slice(Math.max(0, at - 24), at);
  for (const [re, b] of BOUNDS) if (re.test(before)) return b;
  return null;
}

/** Time spans in days: "12-month" and "one-year" are one figure. */
function inDays(value: number, unit: string): { value: number; unit: string } {
  const days = TIME_DAYS[unit];
  return days === undefined ? { value, unit } : { value: value * days, unit: 'day' };
}

const MONTH_BEFORE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$/i;
const MONTH_AFTER = /^(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/** Is the word just before `at` a capitalised word inside a sentence (a name, not a sentence's first word)? */
function followsName(text: string, at: number): boolean {
  const m = /(\S*)(\s*)(\p{Lu}[\p{L}\d]*)\s$/u.exec(text.slice(Math.max(0, at - 40), at));
  if (!m || MONTH_BEFORE.test(m[3] ?? '')) return false;
  const prev = m[1] ?? '';
  const word = m[3] ?? '';
  // The first word of a sentence ("About 2,700…") is a name only if it is no common word ("NGC 2264").
  const opensSentence = prev === '' || m[2] === '' || /[.!?:]["”’)]?$/.test(prev);
  return !opensSentence || !isCommonWord(word.toLowerCase());
}

/**
 * A time of day in minutes on a twelve-hour dial ("12:30 p.m." and "half past noon" → 30): a story
 * and a claim often mark a.m./p.m. differently or not at all, so only the dial is compared.
 */
function clockMinutes(written: string): number | null {
  const t = written.toLowerCase().replace(/[’]/g, "'");
  if (/^(?:noon|midday|midnight)$/.test(t)) return 0;
  const hourOf = (w: string) => (w === 'noon' || w === 'midnight' ? 0 : /^\d+$/.test(w) ? Number(w) : CLOCK_HOURS.split('|').indexOf(w) + 1);
  const rel = /^(half|(?:a\s+)?quarter)\s+(past|to)\s+(\w+)/.exec(t);
  if (rel) {
    const hour = hourOf(rel[3] as string);
    const by = rel[1] === 'half' ? 30 : 15;
    if (hour < 0 || hour > 12) return null;
    return (((hour % 12) * 60 + (rel[2] === 'past' ? by : -by)) % 720 + 720) % 720;
  }
  const m = /^(\d{1,2})(?:[:.](\d{2}))?/.exec(t);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return (hour % 12) * 60 + minute;
}

/** "just before 12:30", "shortly after noon", "by 6 p.m.": a time of day as a bound. */
function clockBound(before: string): Bound | null {
  if (/\b(?:before|by|until|till)\s+$/i.test(before)) return 'at-most';
  if (/\bafter\s+$/i.test(before)) return 'at-least';
  return /\b(?:about|around|approximately|roughly|near)\s+$/i.test(before) ? 'about' : null;
}

/** All figures in a text, in order. Years, dates and ordinals are not figures; a time of day is, on its own dial ('clock'). */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  // A figure needs a digit or a number word: a cheap look spares most sentences the full scan.
  if (!MAYBE_FIGURE.test(text)) return out;
  for (const m of text.slice(0, 100_000).matchAll(FIGURE)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    const whole = m[0];
    const end = start + whole.length;
    const before = text.slice(Math.max(0, start - 12), start);
    let bound: Bound = boundBefore(text, start) ?? 'exact';
    const push = (value: number, unit: string, qualifiers: string[], b: Bound = bound, until = end) => {
      if (!Number.isFinite(value)) return;
      const t = inDays(value, unit);
      const phrase = text.slice(start, Math.max(until, end)).trim();
      out.push({ text: whole.trim(), phrase, start, value: t.value, unit: t.unit, qualifiers, bound: b });
    };
    if (g.money && g.mnum) {
      const scale = g.mscale ? (SCALES[g.mscale.toLowerCase()] ?? (g.mscale.toLowerCase() === 'm' ? 1e6 : 1e3)) : 1;
      if (/^\+/.test(text.slice(end, end + 1))) bound = 'at-least';
      push(Number(g.mnum.replace(/,/g, '')) * scale, g.money === '£' ? '£' : g.money === '€' ? '€' : g.money === '¥' ? '¥' : '$', []);
      continue;
    }
    if (g.num) {
      const digits = g.num.replace(/,/g, '');
      let value = Number(digits) * (g.sign ? -1 : 1);
      // Years, dates ("Dec 14", "14 December"), ranges inside dates ("Feb 2–3"), times ("11:30"), ordinals.
      if (!g.pct && !g.deg && !g.glued && !g.hyph && /^(?:19|20)\d{2}$/.test(digits) && !g.num.includes(',')) continue;
      if (MONTH_BEFORE.test(before) || MONTH_AFTER.test(text.slice(end - (g.glued?.length ?? 0), end + 14))) continue;
      if (/[:.]\s?$/.test(before) && /\d[:.]\s?$/.test(before)) continue;
      if (/^[:.]\d/.test(text.slice(end, end + 2))) continue;
      if (g.glued && /^(?:st|nd|rd|th|am|pm|s)$/i.test(g.glued)) continue;
      if (/\d[\u2010-\u2015-]$/.test(before) && !g.hyph) continue;
      // A number that follows a name is part of it ("NGC 2264", "Xiaomi 17 Ultra", "Windows 11").
      if (!g.pct && followsName(text, start)) continue;
      if (g.pct) {
        push(value, '%', []);
        continue;
      }
      if (g.deg) {
        push(value, `°${g.deg.replace(/[°\s]/g, '').toLowerCase()}`, []);
        continue;
      }
      if (g.scale) value *= SCALES[g.scale.toLowerCase()] ?? 1;
      if (g.glued) {
        push(value, g.glued.toLowerCase(), []);
        continue;
      }
      if (g.hyph) {
        // "30-day warning": the unit is the hyphenated word; "11-year-old": an age.
        const parts = g.hyph.toLowerCase().split(/[\u2010-\u2015-]/);
        push(value, stem(parts[0] as string), parts.slice(1).map(stem));
        continue;
      }
      const noun = nounAfter(text, end);
      if (noun) push(value, noun.unit, noun.qualifiers, bound, noun.end);
      continue;
    }
    if (g.clock) {
      const minutes = clockMinutes(g.clock);
      if (minutes !== null) push(minutes, 'clock', [], clockBound(text.slice(Math.max(0, start - 24), start)) ?? (bound === 'exact' ? 'exact' : 'about'));
      continue;
    }
    if (g.span && g.spanunit) {
      // "twice a year", "$5 a month", "three times a week", "per year": a rate, not a span.
      // So is one after a count in the same phrase ("sixteen thousand new species a year").
      if (/(?:\bonce|\btwice|\btimes|\bper|\bevery|\d|[$£€¥]\S*)\s*$/i.test(before) || COUNT_BEFORE.test(text.slice(Math.max(0, start - 48), start))) continue;
      push(1, g.spanunit.toLowerCase(), []);
      continue;
    }
    if (g.frac) {
      if (!/^\s+of\b/i.test(text.slice(end, end + 5)) && !/^(?:a\s+)?(?:third|quarter)$/i.test(g.frac)) continue;
      push(FRACTIONS[g.frac.toLowerCase().replace(/[\u2010-\u2015]/g, '-').replace(/^a\s+/, '')] ?? Number.NaN, '%', []);
      continue;
    }
    if (g.vague) {
      const key = g.vague.toLowerCase().replace(/\s+/g, ' ');
      const value = key === 'tens of thousands' ? 20_000 : key === 'hundreds of thousands' ? 200_000 : (VAGUE[key] ?? Number.NaN);
      const noun = nounAfter(text.replace(/^/, ''), end + (/^\s+of\b/i.test(text.slice(end, end + 4)) ? 3 : 0));
      if (noun) push(value, noun.unit, noun.qualifiers, 'vague', noun.end);
      continue;
    }
    if (g.words) {
      const phrase = g.words.replace(/^(?:(?:a|an|and)[\s\u2010-\u2015-]+)+(?=(?:a|an)\b)/i, '');
      // "one" alone is a pronoun as often as a number ("one of the", "the one"), and "a"/"an" need a scale after them.
      if (/^(?:(?:a|an)\s+)?(?:one|a|an)$/i.test(phrase.trim())) {
        // "a one-year wait": read as one span.
        const unit = /^[\u2010-\u2015-](day|week|month|year|decade)\b/i.exec(text.slice(end, end + 8))?.[1];
        if (unit && /one$/i.test(phrase.trim())) push(1, unit.toLowerCase(), [], bound, end + unit.length + 1);
        continue;
      }
      const value = wordsValue(phrase);
      if (value === null) continue;
      const noun = nounAfter(text, end);
      if (noun) push(value, noun.unit, noun.qualifiers, bound, noun.end);
    }
  }
  return out;
}

/** Same thing counted: same unit and the same qualifiers. */
export function sameQuantity(a: Figure, b: Figure): boolean {
  return a.unit === b.unit && a.qualifiers.join(' ') === b.qualifiers.join(' ');
}

/** Is `part` a narrower count of what `whole` counts ("32 ballistic missiles" within "70 missiles")? */
export function isPartOf(part: Figure, whole: Figure): boolean {
  return part.unit === whole.unit && whole.qualifiers.every((q) => part.qualifiers.includes(q)) && part.qualifiers.length > whole.qualifiers.length;
}

/** The interval of values a figure allows. */
function range(f: Figure): [number, number] {
  // A time of day is rounded to the minute, "about" to a quarter of an hour or so.
  if (f.unit === 'clock') {
    const slack = f.bound === 'about' ? 20 : 1;
    if (f.bound === 'at-least' || f.bound === 'more-than') return [f.value, Number.POSITIVE_INFINITY];
    if (f.bound === 'at-most' || f.bound === 'less-than') return [Number.NEGATIVE_INFINITY, f.value];
    return [f.value - slack, f.value + slack];
  }
  switch (f.bound) {
    case 'at-least':
      return [f.value, Number.POSITIVE_INFINITY];
    case 'more-than':
      return [f.value * 1.0001, Number.POSITIVE_INFINITY];
    case 'at-most':
      return [Number.NEGATIVE_INFINITY, f.value];
    case 'less-than':
      return [Number.NEGATIVE_INFINITY, f.value * 0.9999];
    case 'about':
      return [f.value - Math.abs(f.value) * 0.15, f.value + Math.abs(f.value) * 0.15];
    default:
      // A stated number is rounded to its last significant digit or so: "$1,000" for "$995".
      return [f.value - Math.abs(f.value) * 0.01, f.value + Math.abs(f.value) * 0.01];
  }
}

/**
 * Do two figures of one unit disagree? Approximate figures tolerate 15%; bounds ("at least ten",
 * "more than 90,000") agree with anything on their side; vague ones ("hundreds") only conflict
 * with another order of magnitude.
 */
export function valuesConflict(a: Figure, b: Figure): boolean {
  if (a.bound === 'vague' || b.bound === 'vague') {
    const mag = (x: number) => Math.floor(Math.log10(Math.abs(x) || 1));
    return Math.abs(mag(a.value) - mag(b.value)) > 1;
  }
  const [alo, ahi] = range(a);
  const [blo, bhi] = range(b);
  return ahi < blo || bhi < alo;
}

/** Do two figures for the same quantity disagree? */
export function figuresConflict(a: Figure, b: Figure): boolean {
  return sameQuantity(a, b) && valuesConflict(a, b);
}
