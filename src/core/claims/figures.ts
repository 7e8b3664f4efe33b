/**
 * Figures in news copy: a number, what it counts, and how it is qualified. "roughly 70 missiles",
 * "a record 32 ballistic missiles", "‑20 °C", "over 1,200 high‑rise buildings", "at least ten people",
 * "tens of thousands". Two figures can only conflict when they count the same thing with the same
 * qualifiers; "32 ballistic missiles" is a part of "70 missiles", not a rival count.
 */
import { stem } from '../text/tokens';

export type Bound = 'exact' | 'about' | 'at-least' | 'at-most' | 'more-than' | 'vague';

export interface Figure {
  /** The figure as written. */
  text: string;
  value: number;
  /** What is counted, stemmed and singular ("missile", "°c"). */
  unit: string;
  /** Words between number and noun that narrow what is counted ("ballistic", "high-rise"). */
  qualifiers: string[];
  bound: Bound;
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  dozen: 12, dozens: 24, hundreds: 200, thousands: 2000, 'tens of thousands': 20000, 'hundreds of thousands': 200000,
};
const BOUND_WORDS: [RegExp, Bound][] = [
  [/^(about|around|roughly|approximately|some|nearly|almost|close to|an estimated)$/i, 'about'],
  [/^(at least|no fewer than|a minimum of)$/i, 'at-least'],
  [/^(up to|at most|no more than)$/i, 'at-most'],
  [/^(over|more than|above|upwards of)$/i, 'more-than'],
];
/** Words that may stand between number and noun without changing what is counted. */
const FILLER = new Set(['a', 'an', 'the', 'record', 'total', 'further', 'additional', 'more', 'new', 'other']);
/** Nouns that are not what a figure counts (times, ordinals, money units are handled apart). */
const NOT_COUNTED = new Set(['of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'from', 'with', 'per', 'percent']);

const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const WORDS = Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|');
const FIGURE = new RegExp(
  String.raw`(?:\b(about|around|roughly|approximately|some|nearly|almost|close to|an estimated|at least|no fewer than|up to|at most|no more than|over|more than|above|upwards of)\s+)?` +
    String.raw`(?:a\s+record\s+|a\s+)?` +
    String.raw`(?:([-\u2010-\u2015\u2212]?${NUMBER})(?:\s*(°\s?[CF]\b|%|percent\b))?|\b(${WORDS})\b)` +
    String.raw`((?:\s+[\p{L}][\p{L}\u2010-\u2015'-]*){0,3})`,
  'giu',
);

/** All figures in a text, in order. Years and clock times are not figures. */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [whole, boundWord, digits, degree, word, tail] = m;
    let value: number;
    if (digits !== undefined) value = Number(digits.replace(/[\u2010-\u2015\u2212]/, '-').replace(/,/g, ''));
    else value = WORD_NUMBERS[(word ?? '').toLowerCase()] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
    // Years ("in 2026"), dates ("Feb 3"), ranges inside dates ("Feb 2–3") and list numbers are not counts.
    if (digits && !degree && /^\d{4}$/.test(digits) && value >= 1900 && value <= 2100) continue;
    if (digits && /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$/i.test(before)) continue;
    if (digits && /\d[\u2010-\u2015-]$/.test(before)) continue;
    let bound: Bound = word && /s$/.test(word) ? 'vague' : 'exact';
    for (const [re, b] of BOUND_WORDS) if (boundWord && re.test(boundWord)) bound = b;
    if (degree) {
      out.push({ text: whole.trim(), value, unit: `°${degree.replace(/[°\s]/g, '').toLowerCase()}`, qualifiers: [], bound });
      continue;
    }
    if (/%|percent/i.test(whole)) {
      out.push({ text: whole.trim(), value, unit: '%', qualifiers: [], bound });
      continue;
    }
    const words = (tail ?? '').trim().split(/\s+/).filter(Boolean).map((w) => w.toLowerCase().replace(/[^\p{L}\u2010-\u2015'-]/gu, ''));
    const content: string[] = [];
    for (const [i, w] of words.entries()) {
      if (i === 0 && w === 'of' && bound === 'vague') continue; // "hundreds of drones"
      if (!w || NOT_COUNTED.has(w)) break;
      if (FILLER.has(w) && content.length === 0) continue;
      content.push(w.replace(/[\u2010-\u2015]/g, '-'));
      if (/s$/.test(w) && content.length >= 1) break; // a plural noun ends the phrase
    }
    if (content.length === 0) continue;
    const noun = content[content.length - 1] as string;
    out.push({ text: whole.trim(), value, unit: stem(noun), qualifiers: content.slice(0, -1).map(stem).sort(), bound });
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

/**
 * Do two figures for the same quantity disagree? Approximate figures tolerate 15%; lower bounds
 * ("at least ten") agree with anything at or above them; vague ones ("hundreds") only with their
 * order of magnitude.
 */
export function figuresConflict(a: Figure, b: Figure): boolean {
  if (!sameQuantity(a, b)) return false;
  if (a.bound === 'vague' || b.bound === 'vague') {
    const mag = (x: number) => Math.floor(Math.log10(Math.abs(x) || 1));
    return mag(a.value) !== mag(b.value) && Math.abs(mag(a.value) - mag(b.value)) > 1;
  }
  const lo = (f: Figure) => (f.bound === 'at-least' || f.bound === 'more-than' ? f.value : f.bound === 'about' ? f.value * 0.85 : f.value);
  const hi = (f: Figure) => (f.bound === 'at-least' || f.bound === 'more-than' ? Number.POSITIVE_INFINITY : f.bound === 'about' ? f.value * 1.15 : f.value);
  // Two intervals that do not overlap disagree.
  return hi(a) < lo(b) || hi(b) < lo(a);
}
